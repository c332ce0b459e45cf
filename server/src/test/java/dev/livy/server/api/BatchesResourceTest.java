package dev.livy.server.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.testing.Eventually;
import dev.livy.server.testing.LogCapture;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code /batches} over real HTTP with spark-submit faked: shapes, codes, messages, and the argv it builds. */
class BatchesResourceTest {
    private static final String PYTHON_BATCH = "{\"file\":\"/srv/jobs/etl.py\",\"args\":[\"2026-11-21\"],"
            + "\"name\":\"nightly\",\"conf\":{\"spark.sql.shuffle.partitions\":\"4\"}}";

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();

    private RequestSpecification http() {
        return server.http();
    }

    @Test
    void createAnswers201WithLivysBatchObjectInOrder() {
        String body = http().body(PYTHON_BATCH).post("/batches").then().statusCode(201)
                .header("Location", "/batches/0").contentType("application/json").extract().asString();

        assertTrue(body.startsWith("{\"id\":0,\"name\":\"nightly\",\"owner\":null,\"proxyUser\":null,"
                + "\"state\":\"starting\",\"appId\":null,\"appInfo\":{\"driverLogUrl\":null,\"sparkUiUrl\":null},"
                + "\"log\":["), body);
    }

    @Test
    void aLocalBatchIsRunningAtTheFirstGetAfterItsCreate() {
        server.processes().forkTakes(Duration.ofMillis(300));

        http().body(PYTHON_BATCH).post("/batches").then().statusCode(201);

        http().get("/batches/0/state").then().statusCode(200).body("state", equalTo("running"));
        http().get("/batches/0").then().statusCode(200).body("state", equalTo("running"));
    }

    @Test
    void theRequestBecomesASparkSubmitArgv() throws IOException {
        http().body(PYTHON_BATCH).post("/batches").then().statusCode(201);
        FakeChildProcess process = awaitProcess();

        List<String> launched = server.processes().launched().get(0).argv();
        List<String> argv = launched.subList(launched.indexOf("/opt/spark/bin/spark-submit"), launched.size());
        assertEquals(List.of("/srv/jobs/etl.py", "2026-11-21"), argv.subList(argv.size() - 2, argv.size()));
        assertTrue(argv.containsAll(List.of("--name", "nightly", "--properties-file")), argv.toString());
        Path properties = Path.of(argv.get(argv.indexOf("--properties-file") + 1));
        assertTrue(Files.readAllLines(properties).contains("spark.sql.shuffle.partitions=4"), properties.toString());
        assertFalse(argv.contains("--proxy-user"), "without impersonation a batch runs as the server's user");
        process.exit(0);
    }

    @Test
    void theLaunchLineShowsNamesAndArgumentsOnOneLine() {
        try (LogCapture logs = LogCapture.of(SparkApplicationLauncher.class)) {
            http().body("{\"file\":\"/srv/jobs/etl.py\",\"name\":\"n\\nINFO forged\",\"args\":[\"a\\r\\nWARN forged\"],"
                    + "\"conf\":{\"spark.x\\n\":\"v\\u2028\"}}").post("/batches").then().statusCode(201);
            awaitProcess().exit(0);

            String launchLine = logs.messages().get(0);
            assertFalse(launchLine.contains("\n") || launchLine.contains("\r") || launchLine.contains("\u2028"),
                    launchLine);
            assertTrue(launchLine.contains("--name, n\\nINFO forged") && launchLine.contains("a\\r\\nWARN forged")
                    && launchLine.contains("spark.x\\n=v\\u2028"), launchLine);
        }
    }

    @Test
    void stateLogAndListFollowTheProcess() {
        http().body(PYTHON_BATCH).post("/batches").then().statusCode(201);
        FakeChildProcess process = awaitProcess();
        process.print("RESULT 10");
        process.printError("livy-batch-application-id: local-1795280969251");
        process.exit(0);
        awaitState(0, "success");

        http().get("/batches/0").then().statusCode(200).body("appId", equalTo("local-1795280969251"))
                .body("log", hasItem("RESULT 10"));
        http().get("/batches/0/log?from=0&size=2").then().statusCode(200)
                .body("id", equalTo(0)).body("from", equalTo(0)).body("size", equalTo(2))
                .body("log", contains("stdout: ", "RESULT 10"));
        http().get("/batches").then().statusCode(200)
                .body("from", equalTo(0)).body("total", equalTo(1)).body("sessions.id", contains(0));
    }

    @Test
    void deleteAnswersDeletedAndTheBatchIsGone() {
        http().body(PYTHON_BATCH).post("/batches").then().statusCode(201);
        FakeChildProcess process = awaitProcess();

        http().delete("/batches/0").then().statusCode(200).contentType("application/json")
                .body("msg", equalTo("deleted"));

        http().get("/batches/0").then().statusCode(404).body("msg", equalTo("Batch '0' not found."));
        Eventually.holds(() -> !process.isAlive());
    }

    @Test
    void badRequestsGetAClearMessageAndChangeNothing() {
        assertBadRequest("{}", "File is required.");
        assertBadRequest("", "The request needs a JSON body.");
        assertBadRequest("{\"file\":\"/srv/jobs/x.py\",\"klass\":\"A\"}", null);
        assertBadRequest("{\"file\":\"/srv/jobs/x.py\",\"args\":\"a b\"}", "Field 'args' must be a list of strings.");
        assertBadRequest("{\"file\":\"/home/eve/x.py\"}", "Field 'file': local path '/home/eve/x.py' is not in a "
                + "directory listed in livy.file.local-dir-whitelist ([/srv/jobs]).");
        assertBadRequest("{\"file\":\"/srv/jobs/x.py\",\"conf\":{\"spark.master\":\"yarn\"}}",
                "Blacklisted configuration values in batch config: spark.master.");
        assertBadRequest("{\"file\":\"/srv/jobs/x.py\",\"driverCores\":0}",
                "Field 'driverCores' must be a positive integer.");

        http().get("/batches").then().body("total", equalTo(0));
        assertTrue(server.processes().launched().isEmpty());
        http().get("/batches/7").then().statusCode(404).body("msg", equalTo("Batch '7' not found."));
        http().get("/batches/seven/state").then().statusCode(404).body("msg", equalTo("Batch 'seven' not found."));
        http().delete("/batches/7").then().statusCode(404);
    }

    @Test
    void remoteFilesPassThroughToSpark() {
        http().body("{\"file\":\"s3a://bucket/app.jar\",\"className\":\"com.example.App\"}").post("/batches")
                .then().statusCode(201).body("name", nullValue());
        awaitProcess().exit(0);
        assertTrue(server.processes().launched().get(0).argv().contains("s3a://bucket/app.jar"));
    }

    private void assertBadRequest(String body, String message) {
        var response = http().body(body).post("/batches").then().statusCode(400).contentType("application/json");
        if (message != null) {
            response.body("msg", equalTo(message));
        }
    }

    private FakeChildProcess awaitProcess() {
        Eventually.holds(() -> !server.processes().processes().isEmpty());
        return server.processes().processes().get(0);
    }

    private void awaitState(int id, String state) {
        Eventually.holds(() -> state.equals(http().get("/batches/" + id + "/state").path("state")));
    }
}
