package dev.livy.server.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.api.VersionView;
import dev.livy.server.LivyServer;
import dev.livy.server.api.JsonWriter;
import dev.livy.server.api.RootResource;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The web UI's files and the redirect to them, over HTTP from the server as it wires its Jetty handlers. */
class WebUiTest {
    private static final String CHROME_ACCEPT =
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    /** What an HTML page or a module loads: src and href attributes, and static imports. */
    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"#]+)\"|from '([^']+)'");

    private static LivyServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new LivyServer("127.0.0.1", 0, new ResourceConfig().register(
                new RootResource(new VersionView("0.9.0", "r", "main", "d", "u", ""))).register(new JsonWriter()));
        server.start();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(server.port()).redirects().follow(false);
    }

    @Test
    void aBrowserOpeningTheRootIsSentToTheUi() {
        http().accept(CHROME_ACCEPT).get("/").then().statusCode(303).header("Location", "/ui/");
    }

    @Test
    void apiClientsAskingTheRootKeepTheirJson() {
        for (String accept : new String[] {"application/json", "*/*", "application/json, text/html;q=0.5"}) {
            http().accept(accept).get("/").then().statusCode(200).contentType("application/json")
                    .body("sessions", equalTo("/sessions"));
        }
        http().get("/").then().statusCode(200).body("batches", equalTo("/batches"));
    }

    @Test
    void theUiWithoutItsSlashIsRedirectedSoRelativeLinksWork() {
        http().get("/ui").then().statusCode(301).header("Location", "/ui/");
    }

    @Test
    void thePageIsHtmlUnderTheStrictContentSecurityPolicy() {
        http().get("/ui/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                .header("X-Content-Type-Options", "nosniff");
    }

    @Test
    void everyFileThePageLoadsIsInTheJarWithItsTypeAndNothingComesFromElsewhere() {
        Set<String> seen = new HashSet<>();
        Deque<String> toLoad = new ArrayDeque<>();
        toLoad.add("");
        while (!toLoad.isEmpty()) {
            String name = toLoad.poll();
            if (!seen.add(name)) {
                continue;
            }
            String body = http().get("/ui/" + name).then().statusCode(200)
                    .contentType(startsWith(expectedType(name))).extract().asString();
            assertFalse(body.contains("<script>") || body.contains("style="), name + " has inline script or style");
            Matcher references = REFERENCE.matcher(body);
            while (references.find()) {
                String reference = references.group(1) != null ? references.group(1) : references.group(2);
                if (reference.startsWith("/")) {
                    continue;
                }
                assertFalse(reference.contains(":"), name + " loads " + reference + " from another origin");
                toLoad.add(reference.replaceFirst("^\\./", ""));
            }
        }
        assertTrue(seen.containsAll(Set.of("app.js", "ui.css", "sessions.js", "session.js", "output.js")),
                seen::toString);
    }

    private static String expectedType(String name) {
        if (name.isEmpty() || name.endsWith(".html")) {
            return "text/html";
        }
        if (name.endsWith(".js")) {
            return "text/javascript";
        }
        return name.endsWith(".css") ? "text/css" : "image/svg+xml";
    }

    @Test
    void nothingOutsideTheUiDirectoryIsServed() {
        for (String path : new String[] {"/ui/missing.js", "/ui/logback.xml", "/ui/%2e%2e/livy-version.properties",
                "/ui/..%2flogback.xml", "/ui/sub/app.js", "/ui/App.js"}) {
            int status = http().get(path).then().extract().statusCode();
            assertTrue(status == 404 || status == 400, path + " answered " + status);
        }
    }

    @Test
    void htmlIsPreferredOnlyWhenTheClientRanksItAtLeastAsHighAsJson() {
        assertTrue(BrowserRedirect.prefersHtml(CHROME_ACCEPT));
        assertTrue(BrowserRedirect.prefersHtml("text/html"));
        assertFalse(BrowserRedirect.prefersHtml(null));
        assertFalse(BrowserRedirect.prefersHtml("*/*"));
        assertFalse(BrowserRedirect.prefersHtml("text/html;q=0"));
        assertFalse(BrowserRedirect.prefersHtml("text/html;q=0.4, application/json"));
    }
}
