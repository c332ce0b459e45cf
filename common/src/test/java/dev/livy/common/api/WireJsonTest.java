package dev.livy.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden JSON: each wire object against a fixture file, both ways. Serialisation is compared as text, so a
 * renamed, added, dropped or reordered key fails here.
 */
class WireJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void session() throws IOException {
        SessionView view = new SessionView(3, "etl", "local-1795280969251", null, "alice", SessionState.IDLE,
                SessionKind.PYSPARK, AppInfo.of(null, "http://localhost:4040"),
                List.of("stdout: ", "\nstderr: ", "INFO SparkContext: Running Spark version 4.3.0"));
        assertBothWays("session.json", view, SessionView.class);
    }

    @Test
    void statementWaiting() throws IOException {
        assertBothWays("statement-waiting.json",
                new StatementView(0, "1 + 1", StatementState.WAITING, null, 0.0, 0, 0), StatementView.class);
    }

    @Test
    void statementWithOkOutput() throws IOException {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("status", "ok").put("execution_count", 0);
        output.putObject("data").put("text/plain", "2");
        assertBothWays("statement-ok.json", new StatementView(0, "1 + 1", StatementState.AVAILABLE, output, 1.0,
                1795280979071L, 1795280979088L), StatementView.class);
    }

    @Test
    void statementWithErrorOutput() throws IOException {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("status", "error").put("execution_count", 4)
                .put("ename", "NameError").put("evalue", "name 'undefined_name' is not defined");
        output.putArray("traceback").add("Traceback (most recent call last):\n")
                .add("  File \"<stdin>\", line 1, in <module>\n")
                .add("NameError: name 'undefined_name' is not defined\n");
        assertBothWays("statement-error.json", new StatementView(4, "undefined_name", StatementState.AVAILABLE,
                output, 1.0, 1795280984716L, 1795280984718L), StatementView.class);
    }

    @Test
    void lists() throws IOException {
        SessionView session = new SessionView(0, null, null, null, null, SessionState.STARTING, SessionKind.SHARED,
                AppInfo.of(null, null), List.of());
        assertBothWays("session-list.json", new SessionList(0, 1, List.of(session)), SessionList.class);
        assertBothWays("statement-list.json", new StatementList(1, List.of(
                new StatementView(0, "1 + 1", StatementState.WAITING, null, 0.0, 0, 0))), StatementList.class);
    }

    @Test
    void logStateVersionAndError() throws IOException {
        assertBothWays("log.json", new LogView(3, 0, 2, 4, List.of("stdout: ", "hello")), LogView.class);
        assertBothWays("state.json", new StateView(3, SessionState.BUSY), StateView.class);
        assertBothWays("version.json", new VersionView("0.9.0", "unknown", "main", "2026-11-21T17:09:14Z", "root",
                ""), VersionView.class);
        assertBothWays("error.json", new MessageView("Session '7' not found."), MessageView.class);
    }

    @Test
    void createSessionRequestWithEveryField() throws IOException {
        CreateSessionRequest request = MAPPER.readValue(fixture("create-session-request.json").toString(),
                CreateSessionRequest.class);

        assertEquals(new CreateSessionRequest("pyspark", "alice", List.of("a.jar"), List.of("m.py"),
                List.of("data.csv"), "1g", 1, "2g", 2, 3, List.of("env.zip#env"), "default", "etl",
                Map.of("spark.sql.shuffle.partitions", "8"), 60, "2h", "30m"), request);
    }

    @Test
    void batchAndBatchList() throws IOException {
        BatchView batch = new BatchView(2, "nightly-etl", null, "alice", SessionState.SUCCESS,
                "local-1795280969251", AppInfo.of(null, "http://localhost:4040"),
                List.of("stdout: ", "RESULT 10", "\nstderr: "));
        assertBothWays("batch.json", batch, BatchView.class);
        BatchView starting = new BatchView(0, null, null, null, SessionState.STARTING, null, AppInfo.of(null, null),
                List.of());
        assertBothWays("batch-list.json", new BatchList(0, 1, List.of(starting)), BatchList.class);
    }

    @Test
    void createBatchRequestWithEveryField() throws IOException {
        CreateBatchRequest request = MAPPER.treeToValue(fixture("create-batch-request.json"),
                CreateBatchRequest.class);

        assertEquals(new CreateBatchRequest("/data/jobs/etl.py", "alice", "com.example.Etl",
                List.of("--day", "2026-11-21"), List.of("a.jar"), List.of("m.py"), List.of("data.csv"), "1g", 1,
                "2g", 2, 3, List.of("env.zip#env"), "default", "nightly-etl",
                Map.of("spark.sql.shuffle.partitions", "8")), request);
    }

    private static <T> void assertBothWays(String fixtureName, T value, Class<T> type) throws IOException {
        JsonNode fixture = fixture(fixtureName);
        assertEquals(MAPPER.writeValueAsString(fixture), MAPPER.writeValueAsString(value),
                "serialised " + type.getSimpleName() + " matches " + fixtureName);
        assertEquals(value, MAPPER.treeToValue(fixture, type), "parsed " + fixtureName);
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = WireJsonTest.class.getResourceAsStream("/fixtures/" + name)) {
            return MAPPER.readTree(in);
        }
    }
}
