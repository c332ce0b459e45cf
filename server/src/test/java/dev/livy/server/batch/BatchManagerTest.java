package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionState;
import dev.livy.common.api.BatchView;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmit;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.testing.Eventually;
import dev.livy.server.validation.NewBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchManagerTest {
    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private BatchManager batches;

    private BatchManager manager(Duration retention) {
        batches = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "local[*]", "client"), processes, workDirectory), Path.of("/opt/livy-repl.jar"),
                new LocalClusterManager(false)), new BatchSettings(50, Duration.ofMillis(200), retention));
        return batches;
    }

    @AfterEach
    void close() {
        if (batches != null) {
            batches.close();
        }
    }

    @Test
    void runsToSuccessAndReadsTheApplicationFromTheOutput() {
        Batch batch = manager(Duration.ofMinutes(10)).create(null, null, request("etl"));
        FakeChildProcess process = awaitProcess();
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);

        process.printError("INFO JettyUtils: Start Jetty 127.0.0.1:4040 for SparkUI");
        process.printError("livy-batch-application-id: local-1795280969251");
        process.print("RESULT 10");
        process.exit(0);
        Eventually.holds(() -> batch.state() == SessionState.SUCCESS);

        BatchView view = batch.view();
        assertEquals("etl", view.name());
        assertEquals("local-1795280969251", view.appId());
        assertEquals("http://127.0.0.1:4040", view.appInfo().get("sparkUiUrl"));
        assertTrue(batch.logLines().contains("RESULT 10"));
        assertEquals(1, batches.count(), "a finished batch stays listed during its retention");
    }

    @Test
    void aFailingApplicationIsDeadAndForgottenAfterItsRetention() {
        Batch batch = manager(Duration.ofMillis(300)).create(null, null, request(null));
        awaitProcess().exit(1);

        Eventually.holds(() -> batch.state() == SessionState.DEAD);
        assertTrue(batch.logLines().contains("livy: spark-submit exited with code 1"));
        Eventually.holds(() -> batches.count() == 0);
    }

    @Test
    void deleteForgetsTheBatchAtOnceAndTerminatesItsProcessTree() {
        Batch batch = manager(Duration.ofMinutes(10)).create(null, null, request(null));
        FakeChildProcess process = awaitProcess();
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);

        batches.delete(batch);

        assertTrue(batches.get(batch.id()).isEmpty());
        Eventually.holds(() -> batch.state() == SessionState.KILLED);
        assertTrue(process.terminations() > 0);
        assertFalse(process.isAlive());
    }

    @Test
    void aStartThatFailsLeavesTheBatchDeadWithTheReason() throws Exception {
        Path notADirectory = Files.writeString(workDirectory.resolve("occupied"), "");
        batches = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "local[*]", "client"), processes, notADirectory), Path.of("/opt/livy-repl.jar"),
                new LocalClusterManager(false)), new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)));

        Batch batch = batches.create(null, null, request(null));

        assertEquals(SessionState.DEAD, batch.state());
        assertTrue(batch.logLines().stream().anyMatch(line -> line.contains("livy: cannot launch spark-submit")),
                batch.logLines().toString());
        assertTrue(processes.launched().isEmpty());
    }

    @Test
    void idsCountFromZeroAndAreNeverReused() {
        manager(Duration.ofMinutes(10));
        Batch first = batches.create(null, null, request(null));
        batches.delete(first);
        Batch second = batches.create(null, null, request(null));

        assertEquals(0, first.id());
        assertEquals(1, second.id());
        assertNull(second.view().appId());
    }

    @Test
    void theCommandAddsOurReporterToTheUsersListenersAndClassPath() {
        BatchLauncher launcher = new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "local[*]", "client"), processes, workDirectory), Path.of("/opt/livy-repl.jar"),
                new LocalClusterManager(false));
        NewBatch request = new NewBatch("/srv/jobs/app.jar", "com.example.App", List.of("in", "out"),
                resources(Map.of("spark.extraListeners", "com.example.Listener",
                        "spark.driver.extraClassPath", "/srv/lib/x.jar")));

        SparkSubmit submit = launcher.command(3, request);
        List<String> argv = submit.argv();

        assertEquals("com.example.Listener," + BatchLauncher.REPORTER_CLASS,
                submit.properties().get("spark.extraListeners"));
        assertEquals("/srv/lib/x.jar:/opt/livy-repl.jar", submit.properties().get("spark.driver.extraClassPath"));
        assertEquals(List.of("--class", "com.example.App"), argv.subList(argv.indexOf("--class"),
                argv.indexOf("--class") + 2));
        assertEquals(List.of("/srv/jobs/app.jar", "in", "out"), argv.subList(argv.size() - 3, argv.size()));

        BatchLauncher cluster = new BatchLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "yarn", "cluster"), processes, workDirectory),
                Path.of("/opt/livy-repl.jar"), new LocalClusterManager(true));
        assertEquals("com.example.Listener", cluster.command(3, request).properties().get("spark.extraListeners"),
                "in cluster mode the driver runs elsewhere: the user's conf is passed unchanged");
    }

    private FakeChildProcess awaitProcess() {
        Eventually.holds(() -> !processes.processes().isEmpty());
        return processes.processes().get(0);
    }

    private static NewBatch request(String name) {
        SparkResources resources = SparkResources.named(name);
        return new NewBatch("/srv/jobs/etl.py", null, List.of(), resources);
    }

    private static SparkResources resources(Map<String, String> conf) {
        return new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(), null, null, null, null,
                null, null, conf);
    }
}
