package dev.livy.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.JobState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Golden frames: each driver message against a fixture in {@code protocol/}, both ways, compared as text, so a
 * renamed, added, dropped or reordered key fails here. Every message has a fixture, and every message belongs to
 * exactly one direction.
 */
class DriverMessageJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void handshake() throws IOException {
        assertBothWays("hello.json", new DriverMessage.Hello(7, "bm9uY2UtZnJvbS10aGUtZHJpdmVy"));
        assertBothWays("challenge.json",
                new DriverMessage.Challenge("c2VydmVyLXByb29m", "bm9uY2UtZnJvbS10aGUtc2VydmVy"));
        assertBothWays("proof.json", new DriverMessage.Proof("ZHJpdmVyLXByb29m"));
        assertBothWays("welcome.json", new DriverMessage.Welcome());
    }

    @Test
    void toDriver() throws IOException {
        assertBothWays("execute.json", new DriverMessage.Execute(3, CodeKind.PYSPARK, "spark.range(10).count()"));
        assertBothWays("cancel.json", new DriverMessage.Cancel(3));
        assertBothWays("complete.json", new DriverMessage.Complete(12, CodeKind.SPARK, "sc.paral", 8));
        assertBothWays("shutdown.json", new DriverMessage.Shutdown());
        assertBothWays("run_job.json", new DriverMessage.RunJob(2, "AQBvcmcuZXhhbXBsZS5Ud29Kb2LkAQ=="));
        assertBothWays("cancel_job.json", new DriverMessage.CancelJob(2));
        assertBothWays("add_resource.json", new DriverMessage.AddResource(ResourceKind.JAR,
                "/tmp/livy-server-1/session-0/uploads/jobs.jar"));
        assertBothWays("resync.json", new DriverMessage.Resync(List.of(3, 4, 7)));
        assertBothWays("bind.json", new DriverMessage.Bind(5));
    }

    @Test
    void fromDriver() throws IOException {
        assertBothWays("driver_ready.json",
                new DriverMessage.DriverReady("local-1795280969251", "http://127.0.0.1:4040"));
        assertBothWays("driver_failed.json",
                new DriverMessage.DriverFailed("The Python interpreter cannot start: python3: not found"));
        assertBothWays("statement_started.json", new DriverMessage.StatementStarted(3));
        assertBothWays("statement_progress.json", new DriverMessage.StatementProgress(3, 0.5));
        assertBothWays("statement_cancelled.json", new DriverMessage.StatementCancelled(3));
        assertBothWays("completion_result.json", new DriverMessage.CompletionResult(12, List.of("parallelize")));
        assertBothWays("job_started.json", new DriverMessage.JobStarted(2));
        assertBothWays("statement_unknown.json", new DriverMessage.StatementUnknown(7));
        assertBothWays("driver_output.json", new DriverMessage.DriverOutput(DriverMessage.DriverOutput.STDERR,
                List.of("to the driver's stderr", "26/12/01 13:30:00 INFO SparkContext: Running Spark version 4.3.0"),
                2));
        assertBothWays("job_finished-ok.json", new DriverMessage.JobFinished(2, JobState.SUCCEEDED, "AgQ=", null));
        assertBothWays("job_finished-error.json", new DriverMessage.JobFinished(3, JobState.FAILED, null,
                "java.lang.IllegalStateException: no such table\n"
                        + "\tat org.example.FailingJob.call(FailingJob.java:9)\n"));
    }

    @Test
    void statementCompleted() throws IOException {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("text/plain", "10");
        assertBothWays("statement_completed-ok.json",
                new DriverMessage.StatementCompleted(3, new StatementOutput.Ok(3, data)));

        assertBothWays("statement_completed-error.json", new DriverMessage.StatementCompleted(4,
                new StatementOutput.Error(4, "NameError", "name 'undefined_name' is not defined",
                        List.of("Traceback (most recent call last):\n",
                                "NameError: name 'undefined_name' is not defined\n"))));
    }

    @Test
    void anOutputsTreeHasItsWireShape() throws IOException {
        for (String name : List.of("statement_completed-ok.json", "statement_completed-error.json")) {
            JsonNode output = fixture(name).get("output");
            StatementOutput parsed = MAPPER.treeToValue(output, StatementOutput.class);
            assertEquals(MAPPER.writeValueAsString(output), MAPPER.writeValueAsString(parsed.toJson()), name);
        }
    }

    @Test
    void everyMessageHasAFixture() {
        Set<String> withoutFixture = new TreeSet<>();
        for (Class<?> message : messages()) {
            String type = Arrays.stream(DriverMessage.class.getAnnotation(JsonSubTypes.class).value())
                    .filter(named -> named.value() == message).map(JsonSubTypes.Type::name).findFirst()
                    .orElse(message.getSimpleName() + " (no wire name)");
            if (resource(type + ".json") == null && resource(type + "-ok.json") == null) {
                withoutFixture.add(type);
            }
        }
        assertEquals(Set.of(), withoutFixture, "messages without a fixture in protocol/");
    }

    @Test
    void everyMessageGoesOneWay() {
        List<Class<?>> messages = messages();
        assertEquals(24, messages.size(), "messages found: " + messages);
        for (Class<?> message : messages) {
            int directions = (DriverMessage.Handshake.class.isAssignableFrom(message) ? 1 : 0)
                    + (DriverMessage.ToDriver.class.isAssignableFrom(message) ? 1 : 0)
                    + (DriverMessage.FromDriver.class.isAssignableFrom(message) ? 1 : 0);
            assertEquals(1, directions, message.getSimpleName() + " belongs to exactly one direction");
            assertTrue(message.isRecord(), message.getSimpleName() + " is a record");
        }
    }

    /** Every concrete message, found through the sealed hierarchy rather than listed by hand. */
    private static List<Class<?>> messages() {
        List<Class<?>> found = new ArrayList<>();
        collect(DriverMessage.class, found);
        return found;
    }

    private static void collect(Class<?> type, List<Class<?>> found) {
        if (!type.isSealed()) {
            found.add(type);
            return;
        }
        for (Class<?> permitted : type.getPermittedSubclasses()) {
            collect(permitted, found);
        }
    }

    private static void assertBothWays(String fixtureName, DriverMessage message) throws IOException {
        JsonNode fixture = fixture(fixtureName);
        assertEquals(MAPPER.writeValueAsString(fixture),
                new String(FrameCodec.mapper().writeValueAsBytes(message), StandardCharsets.UTF_8),
                "serialised " + message.getClass().getSimpleName() + " matches " + fixtureName);
        assertEquals(message, FrameCodec.decode(MAPPER.writeValueAsBytes(fixture)), "parsed " + fixtureName);
    }

    private static InputStream resource(String name) {
        return DriverMessageJsonTest.class.getResourceAsStream("/protocol/" + name);
    }

    private static JsonNode fixture(String name) throws IOException {
        try (InputStream in = resource(name)) {
            return MAPPER.readTree(in);
        }
    }
}
