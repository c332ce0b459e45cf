package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.SessionState;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.InMemoryStateStore;
import dev.livy.server.testing.Eventually;
import dev.livy.server.validation.NewBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With recovery on: what the state store holds of each batch, and when. */
class BatchStoreTest {
    @TempDir
    Path applications;

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final DetachedProcessLauncher detached = new DetachedProcessLauncher(processes);
    private BatchManager batches;

    private BatchManager manager() {
        batches = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "local[*]", "client"), detached, applications), Path.of("/opt/livy-repl.jar"),
                new LocalClusterManager(false), Optional.of(detached)),
                new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)), store);
        return batches;
    }

    @AfterEach
    void close() {
        if (batches != null) {
            batches.close(true);
        }
        detached.close();
    }

    @Test
    void aBatchIsStoredBeforeItIsAnsweredAndFollowedToItsEnd() throws Exception {
        Batch batch = manager().create("alice", "bob", new NewBatch("/srv/jobs/etl.py", null, List.of("in"),
                SparkResources.named("etl")));

        JsonNode created = stored(0);
        assertEquals("etl", created.get("name").asText());
        assertEquals("alice", created.get("owner").asText());
        assertEquals("bob", created.get("proxyUser").asText());
        assertEquals("/srv/jobs/etl.py", created.get("request").get("file").asText());
        assertEquals(applications.resolve("batch-0").toString(), created.get("directory").asText());
        assertEquals("1", new String(store.get("ids/batch").orElseThrow(), StandardCharsets.UTF_8));

        FakeChildProcess process = processes.processes().get(0);
        process.printError("livy-batch-application-id: local-1795280969251");
        Eventually.holds(() -> stored(0).get("appId").asText().equals("local-1795280969251"));
        process.exit(0);
        Eventually.holds(() -> batch.state() == SessionState.SUCCESS);
        Eventually.holds(() -> stored(0).get("state").asText().equals("success"));
    }

    @Test
    void aBatchThatCannotBeStoredIsRefusedWith503AndStartsNothing() {
        manager();
        store.failWrites(true);

        LivyException refused = assertThrows(LivyException.class,
                () -> batches.create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(),
                        SparkResources.named("etl"))));

        assertEquals(ErrorCode.STATE_STORE_UNAVAILABLE, refused.code());
        assertEquals(503, refused.code().status());
        assertTrue(refused.getMessage().contains("cannot be recorded"), refused.getMessage());
        assertTrue(processes.launched().isEmpty());
        assertEquals(0, batches.count());
        store.failWrites(false);
        assertEquals("etl", batches.create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(),
                SparkResources.named("etl"))).name(), "the name is free again");
    }

    @Test
    void aDeletedBatchLeavesTheStore() throws Exception {
        Batch batch = manager().create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(),
                SparkResources.named(null)));

        batches.delete(batch);

        assertFalse(store.get("batches/0").isPresent());
    }

    @Test
    void aGracefulCloseWithRecoveryLeavesBatchesRunning() {
        manager().create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(), SparkResources.named(null)));
        FakeChildProcess process = processes.processes().get(0);

        batches.close();
        batches = null;

        assertEquals(0, process.terminations());
        assertTrue(process.isAlive());
        assertTrue(store.get("batches/0").isPresent(), "kept for the next server");
    }

    @Test
    void withRecoveryTheProcessStartsDetachedNotBoundToTheServer() {
        manager().create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(), SparkResources.named(null)));

        List<String> argv = processes.launched().get(0).argv();
        assertEquals("setsid", argv.get(0));
        assertFalse(processes.launched().get(0).holdStdin());
        assertFalse(String.join(" ", argv).contains("livy-batch-watchdog"));
    }

    private JsonNode stored(int id) {
        try {
            return new ObjectMapper().readTree(store.get("batches/" + id).orElseThrow());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
