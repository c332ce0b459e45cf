package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.SessionState;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.DetachedProcesses;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.ProcessIdentity;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.InMemoryStateStore;
import dev.livy.server.testing.Eventually;
import dev.livy.server.testing.LogCapture;
import dev.livy.server.validation.NewBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new server brings back the batches an earlier one stored, from an in-memory store and real files. */
class BatchRecoveryTest {
    @TempDir
    Path applications;

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final DetachedProcessLauncher detached = new DetachedProcessLauncher(processes);
    private BatchManager batches;
    private Process sleeper;

    private BatchManager recovered() {
        batches = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "local[*]", "client"), detached, applications), Path.of("/opt/livy-repl.jar"),
                new LocalClusterManager(false), Optional.of(detached)),
                new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)), store);
        batches.recover();
        return batches;
    }

    @AfterEach
    void close() {
        if (batches != null) {
            batches.close(true);
        }
        detached.close();
        if (sleeper != null) {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aBatchStillRunningIsFollowedToItsEndWithItsWholeLog() throws Exception {
        sleeper = new ProcessBuilder("sleep", "60").start();
        ProcessIdentity identity = ProcessIdentity.of(sleeper.toHandle()).orElseThrow();
        Path directory = outputs(3, "line 1\nline 2 printed while no server ran\n", "");
        storeBatch(3, "etl", "running", identity, directory);

        Batch batch = recovered().get(3).orElseThrow();

        assertEquals(SessionState.RUNNING, batch.state());
        assertEquals("etl", batch.name());
        assertEquals("alice", batch.owner());
        Eventually.holds(() -> batch.logLines().contains("line 2 printed while no server ran"));
        Files.writeString(directory.resolve(DetachedProcesses.STDOUT_FILE), "line 3 at the end",
                java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(directory.resolve(DetachedProcesses.EXIT_CODE_FILE), "0\n");
        sleeper.destroy();

        Eventually.holds(() -> batch.state() == SessionState.SUCCESS);
        assertTrue(batch.logLines().containsAll(List.of("line 1", "line 2 printed while no server ran",
                "line 3 at the end")), batch.logLines().toString());
    }

    @Test
    void aBatchThatEndedWhileNoServerRanGetsItsEndFromItsExitCodeFile() throws Exception {
        Path directory = outputs(1, "done\n", "oops\n");
        Files.writeString(directory.resolve(DetachedProcesses.EXIT_CODE_FILE), "1\n");
        storeBatch(1, null, "running", new ProcessIdentity(Integer.MAX_VALUE, 1), directory);

        Batch batch = recovered().get(1).orElseThrow();

        assertEquals(SessionState.DEAD, batch.state());
        assertTrue(batch.logLines().containsAll(List.of("done", "oops", "livy: spark-submit exited with code 1")),
                batch.logLines().toString());
    }

    @Test
    void aBatchWhoseProcessIsGoneWithoutAnExitCodeIsDeadWithTheReason() throws Exception {
        Path directory = outputs(2, "half\n", "");
        storeBatch(2, null, "running", new ProcessIdentity(Integer.MAX_VALUE, 1), directory);

        Batch batch = recovered().get(2).orElseThrow();

        assertEquals(SessionState.DEAD, batch.state());
        assertTrue(batch.logLines().contains("half"));
        assertTrue(batch.logLines().stream().anyMatch(line -> line.contains("left no exit code")),
                batch.logLines().toString());
    }

    @Test
    void aCorruptEntryIsSkippedWithTheReasonAndTheOthersRecoverAndNewIdsAreAboveAll() throws Exception {
        storeBatch(4, "finished", "success", null, outputs(4, "", ""));
        store.put("batches/9", "{not json".getBytes(StandardCharsets.UTF_8));
        storeBatch(12, null, "killed", null, outputs(12, "", ""));

        List<String> warnings;
        try (LogCapture log = LogCapture.of(BatchRecords.class)) {
            recovered();
            warnings = log.messages();
        }

        assertEquals(List.of(4, 12), batches.list(0, 10).stream().map(view -> view.id()).toList());
        assertEquals("success", batches.get(4).orElseThrow().state().wireName());
        assertTrue(warnings.stream().anyMatch(line -> line.contains("batches/9")), warnings.toString());
        Batch next = batches.create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(),
                SparkResources.named("finished-2")));
        assertEquals(13, next.id());
        assertTrue(batches.create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(),
                SparkResources.named(null))).id() > 13);
    }

    @Test
    void aRecoveredNameStaysTaken() throws Exception {
        storeBatch(0, "etl", "success", null, outputs(0, "", ""));

        recovered();

        assertFalse(batches.list(0, 10).isEmpty());
        org.junit.jupiter.api.Assertions.assertThrows(dev.livy.server.util.NameTakenException.class,
                () -> batches.create(null, null, new NewBatch("/srv/jobs/etl.py", null, List.of(),
                        SparkResources.named("etl"))));
    }

    private Path outputs(int id, String stdout, String stderr) throws Exception {
        Path directory = Files.createDirectories(applications.resolve("batch-" + id));
        Files.writeString(directory.resolve(DetachedProcesses.STDOUT_FILE), stdout);
        Files.writeString(directory.resolve(DetachedProcesses.STDERR_FILE), stderr);
        return directory;
    }

    private void storeBatch(int id, String name, String state, ProcessIdentity identity, Path directory)
            throws Exception {
        StoredBatch stored = new StoredBatch(id, name, "alice", null,
                new StoredBatch.Request("/srv/jobs/etl.py", null, List.of(), Map.of()), Map.of(),
                SessionState.fromWireName(state), null, null, null, identity == null ? null : identity.pid(),
                identity == null ? null : identity.startedAtMillis(), directory.toString());
        store.put("batches/" + id, new ObjectMapper().writeValueAsBytes(stored));
    }
}
