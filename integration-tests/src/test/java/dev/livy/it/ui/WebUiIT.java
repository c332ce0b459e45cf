package dev.livy.it.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.it.LivyServerProcess;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The web UI in headless Chromium against the packaged server with basic authentication, access control and CSRF
 * protection: alice's one real PySpark session, watched while statements run, and 150 of her sessions that die at
 * once (see {@link RefusingSparkHome}) to page through; bob, in his own browser, sees none of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiIT {
    private static final Duration PAGE = Duration.ofSeconds(20);
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(3);
    private static final int CHEAP_SESSIONS = 150;

    private LivyServerProcess server;
    private Path jobs;
    private HeadlessChromium alice;
    private int sessionId;
    private final List<Integer> cheapIds = new ArrayList<>();

    @BeforeAll
    void startServerSessionsAndBrowser() throws Exception {
        Path directory = Files.createTempDirectory("livy-webui-it-");
        jobs = Files.createDirectories(directory.resolve("jobs"));
        Files.writeString(jobs.resolve("app.py"), "print('never runs: the test refuses cheap-* applications')\n");
        Path users = Files.createFile(directory.resolve("htpasswd"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(users, Files.readAllBytes(Path.of("src/test/resources/security/htpasswd")));
        ProvisionedSpark spark = ProvisionedSpark.get();
        Path sparkHome = RefusingSparkHome.create(spark.home(), directory);
        server = LivyServerProcess.start(Map.of(
                "livy.server.auth.type", "basic",
                "livy.server.auth.basic.credentials-file", users.toString(),
                "livy.server.access-control.enabled", "true",
                "livy.server.access-control.allowed-users", "alice,bob",
                "livy.server.csrf-protection.enabled", "true",
                "livy.file.local-dir-whitelist", jobs.toString()),
                Map.of("SPARK_HOME", sparkHome.toString(), "PYSPARK_PYTHON", spark.python().toString()));
        sessionId = as("alice").body("{\"kind\":\"pyspark\",\"name\":\"ui-demo\"}").post("/sessions")
                .then().statusCode(201).extract().jsonPath().getInt("id");
        for (int i = 0; i < CHEAP_SESSIONS; i++) {
            cheapIds.add(as("alice").body("{\"kind\":\"pyspark\",\"name\":\"" + RefusingSparkHome.CHEAP_PREFIX + i
                    + "\"}").post("/sessions").then().statusCode(201).extract().jsonPath().getInt("id"));
        }
        alice = new HeadlessChromium();
    }

    @AfterAll
    void stopBrowserAndServer() throws Exception {
        if (alice != null) {
            alice.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aBrowserOpeningTheServerSeesTheSessionListWithTheNewSession() throws Exception {
        WebDriver page = alice.driver();
        page.get(address("alice", "wonderland", "/"));

        String row = "#sessions tr[data-id='" + sessionId + "'] td";
        alice.waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(row)));
        assertTrue(page.getCurrentUrl().contains("/ui/"), page.getCurrentUrl());
        List<String> cells = texts(row);
        assertEquals(String.valueOf(sessionId), cells.get(0));
        assertEquals("ui-demo", cells.get(1));
        assertEquals("pyspark", cells.get(3));
        assertEquals("alice", cells.get(4));
        assertTrue(cells.get(8).matches("\\d+ (s|min)"), "age: " + cells.get(8));
        alice.screenshot("sessions");
    }

    @Test
    @Order(2)
    void pagingReachesEverySessionNotJustTheFirstPage() throws Exception {
        WebDriver page = alice.driver();
        page.get(address("alice", "wonderland", "/ui/#/sessions"));
        Set<Integer> seen = new TreeSet<>();
        int pages = 0;
        while (true) {
            alice.waitUpTo(PAGE).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#sessions tr")));
            pages++;
            texts("#sessions tbody tr td:first-child").forEach(id -> seen.add(Integer.valueOf(id)));
            if (page.findElements(By.cssSelector(".pager a.next")).isEmpty()) {
                break;
            }
            if (pages == 2) {
                alice.screenshot("sessions-page-2");
            }
            String range = page.findElement(By.cssSelector(".pager .range")).getText();
            alice.waitUpTo(PAGE).until(driver -> {
                driver.findElement(By.cssSelector(".pager a.next")).click();
                return true;
            });
            alice.waitUpTo(PAGE).until(driver -> !driver.findElement(By.cssSelector(".pager .range")).getText()
                    .equals(range));
        }
        Set<Integer> expected = new TreeSet<>(cheapIds);
        expected.add(sessionId);
        assertEquals(expected, seen);
        assertEquals(4, pages);
        assertTrue(page.findElement(By.cssSelector(".pager .range")).getText().endsWith("of 151"));
    }

    @Test
    @Order(3)
    void aStatementSubmittedThroughTheApiShowsItsProgressAndThenItsOutput() throws Exception {
        LivyServerProcess.awaitIdle(() -> as("alice"), sessionId, SESSION_START);
        alice.driver().get(address("alice", "wonderland", "/ui/#/sessions/" + sessionId));
        alice.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-field='state']"), "idle"));

        int statement = submit("import time\n"
                + "sc.parallelize(range(16), 16).map(lambda x: (time.sleep(1), x)[1]).sum()");

        By card = By.cssSelector("article.statement[data-id='" + statement + "']");
        alice.waitUpTo(STATEMENT).until(driver -> {
            List<WebElement> bars = driver.findElements(By.cssSelector("article.statement[data-id='" + statement
                    + "'][data-state='running'] progress"));
            return !bars.isEmpty() && Double.parseDouble(bars.get(0).getDomProperty("value")) > 0;
        });
        alice.screenshot("session-running");
        alice.waitUpTo(STATEMENT).until(ExpectedConditions.attributeToBe(card, "data-state", "available"));
        assertEquals("120", alice.driver().findElement(card).findElement(By.cssSelector(".output pre")).getText());
        assertEquals("100%", alice.driver().findElement(card).findElement(By.className("progress-text")).getText());
    }

    @Test
    @Order(4)
    void tablesImagesErrorsAndMarkupInOutputAreShownAsTheUserMeansThem() throws Exception {
        int table = submit("rows = [{'name': 'ada', 'born': 1815}, {'name': 'alan', 'born': 1912}]\n%table rows");
        int sql = submitAs("sql", "SELECT 1 AS one, 'x' AS letter");
        int image = submit(Files.readString(Path.of("src/test/resources/ui/png_plot.py")) + "%matplot plot");
        int error = submit("def divide():\n    return 1 / 0\ndivide()");
        int markup = submit("print('<b>bold</b><img src=x onerror=alert(1)>')");

        WebElement tableCard = available(table);
        assertEquals(List.of("born", "name"), texts(tableCard, ".output thead th"));
        assertEquals(List.of("1815", "ada", "1912", "alan"), texts(tableCard, ".output tbody td"));
        assertEquals(List.of("one", "letter", "1", "x"), texts(available(sql), ".output th, .output td"));
        WebElement canvas = available(image).findElement(By.cssSelector(".output canvas"));
        alice.waitUpTo(PAGE).until(driver -> "true".equals(canvas.getDomAttribute("data-loaded")));
        assertEquals(List.of(120L, 60L, "9,105,218", "226,90,28"), alice.driver().executeScript(
                "const c = arguments[0]; const x = c.getContext('2d');"
                + "const p = (a, b) => Array.from(x.getImageData(a, b, 1, 1).data.slice(0, 3)).join(',');"
                + "return [c.width, c.height, p(119, 0), p(0, 59)];", canvas));
        WebElement errorCard = available(error);
        assertEquals("ZeroDivisionError: division by zero",
                errorCard.findElement(By.className("error-name")).getText());
        assertTrue(errorCard.findElement(By.className("traceback")).getText().contains("in divide"));
        WebElement markupCard = available(markup);
        assertEquals("<b>bold</b><img src=x onerror=alert(1)>",
                markupCard.findElement(By.cssSelector(".output pre")).getText());
        assertTrue(markupCard.findElements(By.cssSelector(".output b, .output img")).isEmpty());
        alice.screenshot("session-outputs");
    }

    @Test
    @Order(5)
    void theLogGrowsOnThePageWithoutReloading() throws Exception {
        WebElement log = alice.driver().findElement(By.id("log"));
        assertTrue(log.getText().contains("spark-submit") || !log.getText().isEmpty(), "the log is shown");

        available(submit("import os\nos.write(1, b'<ui-log-marker>\\n')"));

        alice.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElement(log, "<ui-log-marker>"));
    }

    @Test
    @Order(6)
    void anotherUserSeesNeitherTheSessionInTheListNorItsPage() throws Exception {
        try (HeadlessChromium bob = new HeadlessChromium()) {
            bob.driver().get(address("bob", "builder", "/ui/#/sessions"));
            bob.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"),
                    "No sessions."));
            bob.screenshot("sessions-as-another-user");

            bob.driver().get(address("bob", "builder", "/ui/#/sessions/" + sessionId));
            bob.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.cssSelector("#view .error"), "403"));
            assertTrue(bob.driver().findElements(By.cssSelector("#statements article")).isEmpty());
        }
    }

    @Test
    @Order(7)
    void batchesArePagedAndABatchShowsItsStateAndLog() throws Exception {
        int batch = as("alice").body(Map.of("file", jobs.resolve("app.py").toString(),
                "name", RefusingSparkHome.CHEAP_PREFIX + "batch")).post("/batches")
                .then().statusCode(201).extract().jsonPath().getInt("id");
        WebDriver page = alice.driver();
        page.get(address("alice", "wonderland", "/ui/#/batches"));
        alice.waitUpTo(PAGE).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#batches tr[data-id='" + batch + "']")));
        assertTrue(page.findElement(By.cssSelector(".pager .range")).getText().endsWith("of 1"));
        alice.screenshot("batches");

        page.findElement(By.cssSelector("#batches tr[data-id='" + batch + "'] a")).click();
        alice.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-field='state']"), "dead"));
        alice.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"),
                "refused by the test's spark-submit"));
        alice.screenshot("batch");
    }

    @Test
    @Order(8)
    void theSessionIsDeletedFromItsPage() throws Exception {
        WebDriver page = alice.driver();
        page.get(address("alice", "wonderland", "/ui/#/sessions/" + sessionId));
        alice.waitUpTo(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("delete"))).click();
        alice.waitUpTo(PAGE).until(ExpectedConditions.elementToBeClickable(By.id("confirm-delete"))).click();

        alice.waitUpTo(PAGE).until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "sessions/" + sessionId + " deleted."));
        alice.waitUpTo(SESSION_START).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#view .error"), "404: Session '" + sessionId + "' not found."));
        alice.screenshot("session-deleted");
        assertEquals(404, as("alice").get("/sessions/" + sessionId).statusCode());
    }

    private int submit(String code) {
        return submitAs("pyspark", code);
    }

    private int submitAs(String kind, String code) {
        return as("alice").body(Map.of("kind", kind, "code", code)).post("/sessions/" + sessionId + "/statements")
                .then().statusCode(201).extract().jsonPath().getInt("id");
    }

    /** The statement's card once the page shows it available. */
    private WebElement available(int statement) {
        By card = By.cssSelector("article.statement[data-id='" + statement + "'][data-state='available']");
        return alice.waitUpTo(STATEMENT).until(ExpectedConditions.visibilityOfElementLocated(card));
    }

    /** The texts of what the selector finds, read in one script so that a refresh cannot intervene. */
    @SuppressWarnings("unchecked")
    private List<String> texts(String selector) {
        return (List<String>) alice.driver().executeScript("return Array.from(document.querySelectorAll("
                + "arguments[0])).map(node => node.textContent)", selector);
    }

    private static List<String> texts(WebElement parent, String selector) {
        return parent.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
    }

    private RequestSpecification as(String user) {
        String password = user.equals("alice") ? "wonderland" : "builder";
        return server.http().auth().preemptive().basic(user, password).header("X-Requested-By", "webui-it");
    }

    private String address(String user, String password, String path) {
        return "http://" + user + ":" + password + "@127.0.0.1:" + server.port() + path;
    }
}
