package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged server configured as docs/security.md configures it (basic authentication from an htpasswd file,
 * access control, a superuser, impersonation, CSRF protection), with one real PySpark session that the superuser
 * starts as alice.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureServerIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(1);

    private LivyServerProcess server;
    private int sessionId;

    @BeforeAll
    void startServerAndSession() throws Exception {
        // htpasswd -B -c -b htpasswd root root-pass; htpasswd -B -b htpasswd alice wonderland;
        // htpasswd -B -b htpasswd bob builder
        Path users = Files.createTempFile("livy-it-users-", "",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(users, Files.readAllBytes(Path.of("src/test/resources/security/htpasswd")));
        server = LivyServerProcess.start(Map.of(
                "livy.server.auth.type", "basic",
                "livy.server.auth.basic.credentials-file", users.toString(),
                "livy.server.access-control.enabled", "true",
                "livy.server.access-control.allowed-users", "root,alice,bob",
                "livy.superusers", "root",
                "livy.impersonation.enabled", "true",
                "livy.server.csrf-protection.enabled", "true"));
        JsonPath created = as("root", "root-pass").body("{\"kind\":\"pyspark\",\"proxyUser\":\"alice\","
                + "\"conf\":{\"spark.ui.enabled\":\"false\",\"spark.livy.it.secret.token\":\"it-hush-hush\","
                + "\"spark.driver.extraJavaOptions\":\"-Dlivy.it.db.password=it-java-hush\"}}")
                .post("/sessions").then().statusCode(201).body("owner", equalTo("root"))
                .body("proxyUser", equalTo("alice")).extract().jsonPath();
        sessionId = created.getInt("id");
        LivyServerProcess.awaitIdle(() -> as("root", "root-pass"), sessionId, SESSION_START);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theSessionRunsAsTheImpersonatedUser() throws Exception {
        JsonPath statement = run("root", "root-pass", "sc.sparkUser()");

        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        assertEquals("'alice'", statement.getString("output.data.'text/plain'"));
    }

    @Test
    @Order(2)
    void requestsWithoutValidCredentialsAre401() {
        server.http().get("/sessions").then().statusCode(401).header("WWW-Authenticate", containsString("Basic"))
                .body("msg", equalTo("Authentication required: send HTTP Basic credentials."));
        as("alice", "not-wonderland").get("/sessions/" + sessionId).then().statusCode(401);
    }

    @Test
    @Order(3)
    void othersCannotReadOrRunInTheSession() {
        as("bob", "builder").get("/sessions/" + sessionId).then().statusCode(403)
                .body("msg", equalTo("User 'bob' is not allowed to view session " + sessionId + "."));
        as("bob", "builder").body("{\"code\":\"1 + 1\"}").post("/sessions/" + sessionId + "/statements").then()
                .statusCode(403);
        as("bob", "builder").get("/sessions").then().statusCode(200).body("total", equalTo(0));
        as("bob", "builder").body("{\"kind\":\"sql\"}").queryParam("doAs", "alice").post("/sessions").then()
                .statusCode(403).body("msg", equalTo("User 'bob' not allowed to impersonate 'alice'."));
    }

    @Test
    @Order(4)
    void stateChangingRequestsNeedXRequestedBy() {
        server.http().auth().preemptive().basic("root", "root-pass").body("{\"code\":\"1 + 1\"}")
                .post("/sessions/" + sessionId + "/statements").then().statusCode(400)
                .body("msg", equalTo("Missing Required Header for CSRF protection: X-Requested-By."));
    }

    @Test
    @Order(5)
    void secretsStayOffCommandLinesAndOutOfTheLog() throws Exception {
        List<ProcessHandle> drivers = DriverProcesses.runningWith("dev.livy.repl.ReplDriver");
        assertFalse(drivers.isEmpty(), "the session's driver runs");
        for (ProcessHandle driver : drivers) {
            String commandLine = Files.readString(Path.of("/proc/" + driver.pid() + "/cmdline")).replace('\0', ' ');
            assertFalse(commandLine.contains("it-hush-hush"), commandLine);
        }
        String log = server.serverLog();
        assertTrue(log.contains("spark.livy.it.secret.token=*********(redacted)"), log);
        assertFalse(log.contains("it-hush-hush"));
        assertTrue(log.contains("-Dlivy.it.db.password=*********(redacted)"), log);
        assertFalse(log.contains("it-java-hush"));
        assertTrue(log.contains("Session " + sessionId + ": spark.driver.extraJavaOptions sets "
                + "-Dlivy.it.db.password; Spark passes Java options on the JVM's command line"), log);
        assertFalse(log.contains("root-pass"));
        as("root", "root-pass").get("/sessions/" + sessionId + "/log?size=-1").then()
                .body(not(containsString("it-hush-hush")));
    }

    @Test
    @Order(6)
    void theOwnerDeletesIt() {
        as("root", "root-pass").delete("/sessions/" + sessionId).then().statusCode(200)
                .body("msg", equalTo("deleted"));
    }

    private JsonPath run(String user, String password, String code) throws Exception {
        int id = as(user, password).body("{\"code\":\"" + code + "\"}").post("/sessions/" + sessionId
                + "/statements").then().statusCode(201).extract().jsonPath().getInt("id");
        String path = "/sessions/" + sessionId + "/statements/" + id;
        await("statement " + id, STATEMENT,
                () -> as(user, password).get(path).jsonPath().getString("state").equals("available"));
        return as(user, password).get(path).jsonPath();
    }

    private RequestSpecification as(String user, String password) {
        return server.http().auth().preemptive().basic(user, password).header("X-Requested-By", "it");
    }
}
