package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * One PySpark session on real Spark, shared by the tests of this class, against outputs too large or endless and a
 * driver killed with SIGKILL; the last test kills the driver.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DriverOutputLimitsIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(2);
    /** What the Python program may hold beyond its size right after start: the 8 MiB capture, and some slack. */
    private static final long RSS_GROWTH_ALLOWED_KIB = 64 * 1024;

    private final String appName = "it-limits-" + UUID.randomUUID().toString().substring(0, 8);
    private LivyServerProcess server;
    private Path markers;
    private int sessionId;

    @BeforeAll
    void startServerAndSession() throws Exception {
        markers = Files.createTempDirectory("livy-it-markers-");
        server = LivyServerProcess.start(Map.of());
        sessionId = server.http().body("{\"kind\":\"pyspark\",\"name\":\"" + appName + "\","
                        + "\"conf\":{\"spark.ui.enabled\":\"false\"}}")
                .post("/sessions").then().statusCode(201).extract().jsonPath().getInt("id");
        LivyServerProcess.awaitIdle(server::http, sessionId, SESSION_START);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        try (var files = Files.list(markers)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(markers);
    }

    @Test
    @Order(1)
    void aThirtyMegabyteOutputIsOutputTooLargeAndTheNextStatementWorks() throws Exception {
        JsonPath huge = run("'x' * (30 * 1024 * 1024)");

        assertEquals("OutputTooLarge", huge.getString("output.ename"), huge.getString("output.evalue"));
        assertTrue(huge.getString("output.evalue").contains("(livy.rsc.statement.max-output-size)"));
        assertEquals("2", textOf(run("1 + 1")));
    }

    @Test
    @Order(2)
    void anEndlessPrintStaysSmallIsCancelledQuicklyAndSaysItWasTruncated() throws Exception {
        ProcessHandle python = python();
        long rssBefore = rssKib(python);
        Path printedMuch = markers.resolve("printed-300-mb");
        int endless = submit("n = 0\nwhile True:\n    print('x' * 1000)\n    n += 1\n"
                + "    if n == 300000:\n        open(" + pythonString(printedMuch) + ", 'w').close()");
        await("the statement to print 300 MB", STATEMENT, () -> Files.exists(printedMuch));

        long growth = rssKib(python) - rssBefore;
        assertTrue(growth < RSS_GROWTH_ALLOWED_KIB, "the Python process grew by " + growth + " KiB");
        long cancelledAt = System.nanoTime();
        server.http().post("/sessions/" + sessionId + "/statements/" + endless + "/cancel").then().statusCode(200);
        await("the endless statement to be cancelled", Duration.ofSeconds(5),
                () -> statement(endless).getString("state").equals("cancelled"));

        assertTrue(Duration.ofNanos(System.nanoTime() - cancelledAt).toSeconds() < 5);
        JsonPath cancelled = statement(endless);
        assertEquals("KeyboardInterrupt", cancelled.getString("output.ename"), cancelled.prettify());
        List<String> traceback = cancelled.getList("output.traceback", String.class);
        assertTrue(traceback.get(traceback.size() - 1).startsWith("[output truncated"), cancelled.prettify());
        assertEquals("2", textOf(run("1 + 1")));
    }

    @Test
    @Order(3)
    void thePythonProcessAndItsDirectoryEndWithADriverKilledBySigkill() throws Exception {
        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        ProcessHandle python = python();
        Path scratch = Path.of(DriverProcesses.commandLine(python).split(" ")[1]).getParent();
        assertTrue(Files.isDirectory(scratch), scratch.toString());
        Path running = markers.resolve("running");
        submit("open(" + pythonString(running) + ", 'w').close()\nwhile True:\n    pass");
        await("the statement to run", STATEMENT, () -> Files.exists(running));

        driver.destroyForcibly();

        await("the Python process to end", Duration.ofSeconds(5), () -> !DriverProcesses.isRunning(python.pid()));
        await("its scratch directory to go", Duration.ofSeconds(5), () -> !Files.exists(scratch));
        await("the session to be dead", Duration.ofSeconds(30), () -> server.http()
                .get("/sessions/" + sessionId + "/state").jsonPath().getString("state").equals("dead"));
    }

    private ProcessHandle python() {
        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        return driver.descendants().filter(process -> DriverProcesses.commandLine(process).contains("livy_repl.py"))
                .findFirst().orElseThrow();
    }

    private static long rssKib(ProcessHandle process) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    private static String pythonString(Path path) {
        return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private int submit(String code) {
        return server.http().body(Map.of("code", code)).post("/sessions/" + sessionId + "/statements")
                .then().statusCode(201).body("state", equalTo("waiting")).extract().jsonPath().getInt("id");
    }

    private JsonPath run(String code) throws Exception {
        int id = submit(code);
        await("statement " + id + " to be available", STATEMENT,
                () -> statement(id).getString("state").equals("available"));
        return statement(id);
    }

    private JsonPath statement(int id) {
        return server.http().get("/sessions/" + sessionId + "/statements/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String textOf(JsonPath statement) {
        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        return statement.getString("output.data.'text/plain'");
    }
}
