package dev.livy.common.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.JobState;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.protocol.RawJson;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
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
        assertBothWays("statement-ok.json", new StatementView(0, "1 + 1", StatementState.AVAILABLE,
                RawJson.of(output), 1.0, 1795280979071L, 1795280979088L), StatementView.class);
    }

    @Test
    void statementWithErrorOutput() throws IOException {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("status", "error").put("execution_count", 4)
                .put("ename", "NameError").put("evalue", "name 'undefined_name' is not defined");
        output.putArray("traceback").add("Traceback (most recent call last):\n")
                .add("  File \"<stdin>\", line 1, in <module>\n")
                .add("NameError: name 'undefined_name' is not defined\n");
        assertBothWays("statement-error.json", new StatementView(4, "undefined_name", StatementState.AVAILABLE,
                RawJson.of(output), 1.0, 1795280984716L, 1795280984718L), StatementView.class);
    }

    @Test
    void statementWithTableOutput() throws IOException {
        ObjectNode output = okOutput(5);
        ObjectNode table = output.withObjectProperty("data").putObject("application/vnd.livy.table.v1+json");
        table.putArray("headers").add(header("n", "INT_TYPE")).add(header("s", "STRING_TYPE"));
        ArrayNode rows = table.putArray("data");
        rows.addArray().add(1).add("a");
        rows.addArray().add(2).add("b \"quoted\"");
        rows.addArray().add(3).addNull();
        assertBothWays("statement-table.json", new StatementView(5,
                "rows = [{'n': 1, 's': 'a'}, {'n': 2, 's': 'b \"quoted\"'}, {'n': 3, 's': None}]\n%table rows",
                StatementState.AVAILABLE,
                RawJson.of(output), 1.0, 1795280990112L, 1795280990131L), StatementView.class);
    }

    @Test
    void statementWithJsonOutput() throws IOException {
        ObjectNode output = okOutput(6);
        ObjectNode value = output.withObjectProperty("data").putObject("application/json").put("count", 2);
        value.putArray("names").add("a").add("\u00fc");
        value.put("ratio", 0.5).putNull("missing");
        assertBothWays("statement-json.json", new StatementView(6,
                "summary = {'count': 2, 'names': ['a', '\u00fc'], 'ratio': 0.5, 'missing': None}\n%json summary",
                StatementState.AVAILABLE,
                RawJson.of(output), 1.0, 1795280991203L, 1795280991207L), StatementView.class);
    }

    @Test
    void sqlStatementWithSchemaAndRows() throws IOException {
        ObjectNode output = okOutput(0);
        ObjectNode result = output.withObjectProperty("data").putObject("application/json");
        ObjectNode schema = result.putObject("schema").put("type", "struct");
        schema.putArray("fields").add(field("id", "integer", false)).add(field("name", "string", true));
        ArrayNode rows = result.putArray("data");
        rows.addArray().add(1).add("alice");
        rows.addArray().add(2).addNull();
        assertBothWays("statement-sql.json", new StatementView(0, "SELECT id, name FROM people ORDER BY id",
                StatementState.AVAILABLE,
                RawJson.of(output), 1.0, 1795280992310L, 1795280992498L), StatementView.class);
    }

    @Test
    void statementWithPngOutput() throws IOException {
        ObjectNode output = okOutput(7);
        output.withObjectProperty("data")
                .put("image/png", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGOQL98CAAIDAUsr/"
                        + "fINAAAAAElFTkSuQmCC")
                .put("text/plain", "");
        assertBothWays("statement-png.json", new StatementView(7,
                "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\n%matplot plt", StatementState.AVAILABLE,
                RawJson.of(output), 1.0, 1795280993050L, 1795280993322L), StatementView.class);
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

    private static ObjectNode okOutput(int executionCount) {
        ObjectNode output = JsonNodeFactory.instance.objectNode().put("status", "ok")
                .put("execution_count", executionCount);
        output.putObject("data");
        return output;
    }

    private static ObjectNode header(String name, String type) {
        return JsonNodeFactory.instance.objectNode().put("name", name).put("type", type);
    }

    private static ObjectNode field(String name, String type, boolean nullable) {
        ObjectNode field = JsonNodeFactory.instance.objectNode().put("name", name).put("type", type)
                .put("nullable", nullable);
        field.putObject("metadata");
        return field;
    }

    @Test
    void jobStatusAsLivysJavaClientReadsIt() throws IOException {
        assertBothWays("job-status.json", new JobStatusView(2, JobState.SUCCEEDED,
                Base64.getDecoder().decode("AgQ="), null), JobStatusView.class);
        assertBothWays("job-status-failed.json", new JobStatusView(3, JobState.FAILED, null,
                "java.lang.IllegalStateException: no such table\n"
                        + "\tat org.example.FailingJob.call(FailingJob.java:9)\n"),
                JobStatusView.class);
    }

    @Test
    void jobAndResourceRequestsAsLivysJavaClientSendsThem() throws IOException {
        assertBothWays("serialized-job.json", new SerializedJobRequest(
                Base64.getDecoder().decode("AQBvcmcuZXhhbXBsZS5Ud29Kb2LkAQ=="), "spark"), SerializedJobRequest.class);
        assertBothWays("add-resource.json", new AddResourceRequest("file:///srv/jobs/extra.jar"),
                AddResourceRequest.class);
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
