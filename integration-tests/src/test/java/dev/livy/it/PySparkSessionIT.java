package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One PySpark session on real Spark, shared by the tests of this class (a session takes seconds to start), driven
 * over HTTP as a notebook would. The last test deletes it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PySparkSessionIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(2);

    private final String appName = "it-pyspark-" + UUID.randomUUID().toString().substring(0, 8);
    private LivyServerProcess server;
    private Path pyFile;
    private int sessionId;
    private Path whitelisted;

    @BeforeAll
    void startServerAndSession() throws Exception {
        Path directory = Files.createTempDirectory("livy-it-files-").toRealPath();
        whitelisted = directory;
        server = LivyServerProcess.start(Map.of("livy.file.local-dir-whitelist", directory.toString()));
        pyFile = directory.resolve("livy_it_module.py");
        Files.writeString(pyFile, "VALUE = 'from pyFiles'\n");
        String body = "{\"kind\":\"pyspark\",\"name\":\"" + appName + "\",\"driverMemory\":\"768m\","
                + "\"proxyUser\":\"alice\","
                + "\"pyFiles\":[\"" + pyFile + "\"],\"conf\":{\"spark.livy.it.marker\":\"42\","
                + "\"spark.ui.enabled\":\"false\"}}";
        JsonPath created = server.http().body(body).post("/sessions")
                .then().statusCode(201).header("Location", startsWith("/sessions/"))
                .body("state", equalTo("starting")).extract().jsonPath();
        sessionId = created.getInt("id");
        LivyServerProcess.awaitIdle(server::http, sessionId, SESSION_START);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void idleSessionReportsItsApplication() {
        server.http().get("/sessions/" + sessionId).then().statusCode(200)
                .body("id", equalTo(sessionId))
                .body("name", equalTo(appName))
                .body("kind", equalTo("pyspark"))
                .body("state", equalTo("idle"))
                .body("appId", startsWith("local-"))
                .body("proxyUser", nullValue())
                .body("log.size()", equalTo(10));
        server.http().get("/sessions/" + appName + "/state").then().statusCode(200).body("state", equalTo("idle"));
    }

    @Test
    @Order(2)
    void computesWithSpark() throws Exception {
        assertEquals("1000", textOf(run("spark.range(1000).count()")));
        assertEquals("285", textOf(run("sc.parallelize(range(10)).map(lambda v: v * v).sum()")));
    }

    @Test
    @Order(3)
    void echoesTheLastExpressionAfterPrintedOutput() throws Exception {
        JsonPath statement = run("print('hello')\nx = 20\nx + 22");

        assertEquals("available", statement.getString("state"));
        assertEquals("ok", statement.getString("output.status"));
        assertEquals("hello\n42", textOf(statement));
        assertEquals(statement.getInt("id"), statement.getInt("output.execution_count"));
        assertEquals(1.0f, statement.getFloat("progress"));
        assertTrue(statement.getLong("started") > 0 && statement.getLong("completed") >= statement.getLong("started"));
    }

    @Test
    @Order(4)
    void errorsAreAvailableWithTheirTraceback() throws Exception {
        JsonPath statement = run("1 / 0");

        assertEquals("available", statement.getString("state"));
        assertEquals("error", statement.getString("output.status"));
        assertEquals("ZeroDivisionError", statement.getString("output.ename"));
        assertEquals("division by zero", statement.getString("output.evalue"));
        List<String> traceback = statement.getList("output.traceback");
        assertEquals("Traceback (most recent call last):\n", traceback.get(0));
        assertEquals("ZeroDivisionError: division by zero\n", traceback.get(traceback.size() - 1));
        assertEquals("still here", textOf(run("'still here'")).replace("'", ""));
    }

    @Test
    @Order(5)
    void sparkSqlContextAndSessionShareOneSparkSession() throws Exception {
        run("spark.createDataFrame([(1, 'a'), (2, 'b')], ['n', 's']).createOrReplaceTempView('it_view')");

        assertEquals("[Row(total=3)]", textOf(run("sqlContext.sql('select sum(n) as total from it_view').collect()")));
    }

    @Test
    @Order(6)
    void requestFieldsReachSpark() throws Exception {
        assertEquals("'42'", textOf(run("spark.conf.get('spark.livy.it.marker')")));
        assertEquals("'from pyFiles'", textOf(run("import livy_it_module\nlivy_it_module.VALUE")));
        assertEquals("'" + appName + "'", textOf(run("sc.appName")));
        assertEquals("'768m'", textOf(run("sc.getConf().get('spark.driver.memory')")));
        assertEquals("'" + System.getProperty("user.name") + "'", textOf(run("sc.sparkUser()")),
                "without livy.impersonation.enabled, proxyUser is ignored and the session runs as the server's user");
    }

    @Test
    @Order(7)
    void cancelsWaitingAndRunningPythonStatements() throws Exception {
        int sleeping = submit("import time\ntime.sleep(60)");
        int queued = submit("'never runs'");
        awaitState(sleeping, "running");
        server.http().get("/sessions/" + sessionId + "/state").then().body("state", equalTo("busy"));

        server.http().post("/sessions/" + sessionId + "/statements/" + queued + "/cancel")
                .then().statusCode(200).body("msg", equalTo("canceled"));
        assertEquals("cancelled", statement(queued).getString("state"), "a waiting statement is cancelled at once");

        server.http().post("/sessions/" + sessionId + "/statements/" + sleeping + "/cancel")
                .then().statusCode(200).body("msg", equalTo("canceled"));
        awaitState(sleeping, "cancelled");
        assertEquals("7", textOf(run("3 + 4")), "the session is usable after a cancel");
    }

    @Test
    @Order(8)
    void cancelsARunningSparkJob() throws Exception {
        int job = submit("import time\nsc.parallelize(range(2), 2).map(lambda v: time.sleep(120) or v).count()");
        awaitState(job, "running");
        Thread.sleep(2000);

        server.http().post("/sessions/" + sessionId + "/statements/" + job + "/cancel").then().statusCode(200);

        awaitState(job, "cancelled");
        assertEquals("5", textOf(run("spark.range(5).count()")), "Spark still works after the cancel");
        assertEquals("42", textOf(run("x + 22")), "the namespace survived the cancel");
    }

    @Test
    @Order(9)
    void listsStatementsAndServesTheLog() {
        JsonPath statements = server.http().get("/sessions/" + sessionId + "/statements").then().statusCode(200)
                .extract().jsonPath();
        int total = statements.getInt("total_statements");
        assertEquals(total, statements.getList("statements").size());
        assertEquals(List.of(0, 1), statements.getList("statements.id").subList(0, 2));

        JsonPath log = server.http().get("/sessions/" + sessionId + "/log?from=0&size=5").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(0, log.getInt("from"));
        assertEquals(5, log.getInt("size"));
        assertEquals("stdout: ", log.getList("log").get(0));
        assertTrue(log.getInt("total") > 5);
    }

    @Test
    @Order(9)
    void everyBadRequestGetsItsStatusAndMessageAndTheSessionStillAnswers() throws Exception {
        List<String> failures = new ArrayList<>();
        for (BadRequests.Case template : BadRequests.all()) {
            BadRequests.Case bad = template.withSession(sessionId, appName, whitelisted.toString());
            var request = server.http();
            if (bad.body() != null) {
                request = request.body(bad.body());
            }
            var response = request.request(bad.method(), bad.path());
            String message = response.contentType().startsWith("application/json")
                    ? response.jsonPath().getString("msg") : null;
            boolean messageOk = message != null && (bad.message() == null || (bad.message().endsWith("…")
                    ? message.startsWith(bad.message().substring(0, bad.message().length() - 1))
                    : message.equals(bad.message())));
            if (response.statusCode() != bad.status() || !messageOk) {
                failures.add(bad + " -> " + response.statusCode() + " " + response.asString());
            }
        }
        assertEquals(List.of(), failures);

        assertEquals("2", run("1 + 1").getString("output.data.'text/plain'"));
        server.http().get("/sessions").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    @Order(10)
    void theSecretIsNeitherOnTheCommandLineNorLeftOnDisk() {
        String commandLine = DriverProcesses.commandLine(DriverProcesses.driver(appName).orElseThrow());
        String[] arguments = commandLine.split(" ");
        Path launchConfig = Path.of(arguments[arguments.length - 1]);

        assertTrue(launchConfig.getFileName().toString().endsWith(".json"), commandLine);
        assertFalse(Files.exists(launchConfig), "the driver deletes its launch config once read");
        assertFalse(commandLine.toLowerCase(java.util.Locale.ROOT).contains("secret"), commandLine);
    }

    @Test
    @Order(11)
    void deleteStopsTheDriverAndItsPythonProcess() throws Exception {
        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        List<ProcessHandle> tree = driver.descendants().toList();
        assertTrue(tree.stream().anyMatch(child -> DriverProcesses.commandLine(child).contains("livy_repl.py")),
                "the Python interpreter runs under the driver");

        server.http().delete("/sessions/" + sessionId).then().statusCode(200).body("msg", equalTo("deleted"));

        await("the session to be gone", Duration.ofSeconds(30),
                () -> server.http().get("/sessions/" + sessionId).statusCode() == 404);
        server.http().get("/sessions/" + sessionId).then().body("msg",
                equalTo("Session '" + sessionId + "' not found."));
        await("the driver and its children to exit", Duration.ofSeconds(15),
                () -> !DriverProcesses.isRunning(driver.pid())
                        && tree.stream().noneMatch(child -> DriverProcesses.isRunning(child.pid())));
    }

    private int submit(String code) {
        return server.http().body(Map.of("code", code)).post("/sessions/" + sessionId + "/statements")
                .then().statusCode(201).body("state", equalTo("waiting")).extract().jsonPath().getInt("id");
    }

    private JsonPath run(String code) throws Exception {
        int id = submit(code);
        awaitState(id, "available");
        return statement(id);
    }

    private JsonPath statement(int id) {
        return server.http().get("/sessions/" + sessionId + "/statements/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private void awaitState(int id, String expected) throws Exception {
        await("statement " + id + " to be " + expected, STATEMENT, () -> {
            String state = statement(id).getString("state");
            if (!state.equals(expected) && (state.equals("error") || state.equals("cancelled")
                    || state.equals("available"))) {
                throw new AssertionError("statement " + id + " ended " + state + ": "
                        + statement(id).prettify());
            }
            return state.equals(expected);
        });
    }

    private static String textOf(JsonPath statement) {
        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        return statement.getString("output.data.'text/plain'");
    }
}
