package dev.livy.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.config.LivyConf;
import dev.livy.server.security.BasicAuthenticationFilter;
import dev.livy.server.security.CsrfFilter;
import dev.livy.server.security.FakePasswordCheck;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.testing.LogCapture;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Authentication, CSRF protection, security headers and owner-filtered listings, over real HTTP. */
class AuthenticationResourceTest {
    private static final String BATCH = "{\"file\":\"/srv/jobs/etl.py\"}";

    private final FakePasswordCheck passwords = new FakePasswordCheck().with("alice", "wonder:land")
            .with("bob", "builder");
    @RegisterExtension
    final InProcessServers server = InProcessServers.startedByEachTest();

    @Test
    void basicAuthenticationChallengesAndNamesTheOwner() throws Exception {
        basicServer(Map.of());

        http().get("/sessions").then().statusCode(401).header("WWW-Authenticate", "Basic realm=\"Livy\", "
                + "charset=\"UTF-8\"").body("msg", equalTo("Authentication required: send HTTP Basic credentials."));
        http().auth().preemptive().basic("alice", "wrong").get("/sessions").then().statusCode(401)
                .header("WWW-Authenticate", "Basic realm=\"Livy\", charset=\"UTF-8\"")
                .body("msg", equalTo("Invalid user name or password."));
        http().auth().preemptive().basic("mallory", "wonder:land").get("/sessions").then().statusCode(401);
        http().header("Authorization", "Basic !!!not-base64").get("/version").then().statusCode(401)
                .body("msg", equalTo("Malformed HTTP Basic credentials."));

        as("alice", "wonder:land").body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201)
                .body("owner", equalTo("alice")).body("proxyUser", nullValue());
        as("alice", "wonder:land").body(BATCH).post("/batches").then().statusCode(201).body("owner", equalTo("alice"));
    }

    @Test
    void aFailedLoginLogsTheUserNameOnOneLineWhateverItHolds() throws Exception {
        basicServer(Map.of());

        try (LogCapture logs = LogCapture.of(BasicAuthenticationFilter.class)) {
            as("eve\n2026-01-01 INFO  [main] d.l.s.LivyServerMain - forged", "guess").get("/sessions")
                    .then().statusCode(401);

            assertEquals(List.of("Authentication failed for user eve\\n2026-01-01 INFO  [main] "
                    + "d.l.s.LivyServerMain - forged from 127.0.0.1"), logs.messages());
        }
    }

    @Test
    void anUnavailableCredentialStoreIs503NeverALetThrough() throws Exception {
        basicServer(Map.of());
        passwords.setAvailable(false);

        as("alice", "wonder:land").get("/sessions").then().statusCode(503)
                .body("msg", equalTo("Cannot check credentials now: the credential store is unavailable."));
    }

    @Test
    void listingsShowOnlyWhatTheUserMayView() throws Exception {
        basicServer(Map.of("livy.server.access-control.enabled", "true",
                "livy.server.access-control.allowed-users", "*"));
        as("alice", "wonder:land").body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201);
        as("bob", "builder").body("{\"kind\":\"sql\"}").post("/sessions").then().statusCode(201);
        as("alice", "wonder:land").body(BATCH).post("/batches").then().statusCode(201);

        as("bob", "builder").get("/sessions").then().statusCode(200).body("total", equalTo(1))
                .body("sessions.owner", contains("bob"));
        as("bob", "builder").get("/batches").then().statusCode(200).body("total", equalTo(0));
        as("bob", "builder").get("/batches/0").then().statusCode(403)
                .body("msg", equalTo("User 'bob' is not allowed to view batch 0."));
        as("bob", "builder").get("/batches/0/log").then().statusCode(403);
        as("bob", "builder").delete("/batches/0").then().statusCode(403)
                .body("msg", equalTo("User 'bob' is not allowed to modify batch 0."));
        as("bob", "builder").get("/batches/7").then().statusCode(404);
        as("alice", "wonder:land").get("/batches/0/state").then().statusCode(200);
        as("alice", "wonder:land").delete("/batches/0").then().statusCode(200);
    }

    @Test
    void impersonationRunsAsTheRequestedUserAndDoAsWins() throws Exception {
        basicServer(Map.of("livy.impersonation.enabled", "true", "livy.superusers", "alice"));

        as("alice", "wonder:land").body("{\"kind\":\"pyspark\",\"proxyUser\":\"carol\"}").queryParam("doAs", "dave")
                .post("/sessions").then().statusCode(201).body("owner", equalTo("alice"))
                .body("proxyUser", equalTo("dave"));
        as("bob", "builder").body(BATCH).post("/batches").then().statusCode(201).body("proxyUser", equalTo("bob"));
        as("bob", "builder").body(BATCH).queryParam("doAs", "alice").post("/batches").then().statusCode(403)
                .body("msg", equalTo("User 'bob' not allowed to impersonate 'alice'."));
        as("bob", "builder").queryParam("doAs", "alice").get("/sessions/0").then().statusCode(403);
    }

    @Test
    void csrfProtectionNeedsXRequestedByOnStateChangingRequests() throws Exception {
        server.start(Map.of(),
                new ServerSecurity(Optional.empty(), List.of(new FilterHolder(new CsrfFilter())), Optional.empty()));

        http().body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(400)
                .body("msg", equalTo("Missing Required Header for CSRF protection: X-Requested-By."));
        http().delete("/sessions/0").then().statusCode(400);
        http().get("/sessions").then().statusCode(200);
        http().header("X-Requested-By", "sparkmagic").body("{\"kind\":\"pyspark\"}").post("/sessions").then()
                .statusCode(201);
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        basicServer(Map.of());

        for (var response : List.of(http().get("/version"), as("alice", "wonder:land").get("/version"),
                as("alice", "wonder:land").get("/sessions/9"))) {
            response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                    .header("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'")
                    .header("Cache-Control", "no-store");
        }
    }

    @Test
    void aCustomFilterClassAuthenticatesAndTheServerFailsClosedBehindIt() throws Exception {
        LivyConf conf = new LivyConf(Map.of("livy.server.auth.type", "token",
                "livy.server.auth.token.class", "dev.livy.server.security.HeaderUserFilter",
                "livy.server.auth.token.param.header", "X-User", "livy.server.auth.token.param.token", "s3cret"));
        ServerSecurity security = ServerSecurity.from(conf, getClass().getClassLoader());
        server.start(Map.of(), security);

        http().header("X-User", "carol").header("X-Token", "s3cret").body("{\"kind\":\"sql\"}").post("/sessions")
                .then().statusCode(201).body("owner", equalTo("carol"));
        http().header("X-User", "carol").header("X-Token", "guess").get("/sessions").then().statusCode(401)
                .body("msg", equalTo("Authentication required."));
        http().get("/sessions").then().statusCode(401);
    }

    private InProcessServer basicServer(Map<String, String> accessConf) throws Exception {
        return server.start(accessConf, InProcessServer.basicAuthentication(passwords));
    }

    private RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }

    private RequestSpecification as(String user, String password) {
        return http().auth().preemptive().basic(user, password);
    }
}
