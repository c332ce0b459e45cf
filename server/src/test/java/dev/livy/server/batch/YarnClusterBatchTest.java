package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.SessionState;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.InMemoryStateStore;
import dev.livy.server.testing.Eventually;
import dev.livy.server.validation.NewBatch;
import dev.livy.server.yarn.FakeResourceManager;
import dev.livy.server.yarn.YarnApplicationPoller;
import dev.livy.server.yarn.YarnClusterManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster-mode batch on YARN: spark-submit exits once the application is submitted, and the ResourceManager's
 * reports (a fake here) move the batch and decide its end; DELETE kills the application through the
 * ResourceManager.
 */
class YarnClusterBatchTest {
    private static final String APP = "application_1764000000000_0001";

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final FakeResourceManager resourceManager = new FakeResourceManager();
    private final YarnApplicationPoller poller = new YarnApplicationPoller(resourceManager, Duration.ofMillis(20),
            Duration.ofMinutes(2));
    private BatchManager batches;

    @BeforeEach
    void start() {
        poller.start();
        batches = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "yarn", "cluster"), processes, workDirectory), Path.of("/opt/livy-repl.jar"),
                new YarnClusterManager(true, poller)),
                new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)));
    }

    @AfterEach
    void close() {
        batches.close();
        poller.close();
    }

    @Test
    void theResourceManagerNotTheExitOfSparkSubmitDecidesTheEnd() {
        Batch batch = batches.create(null, null, request());
        submitted();
        assertEquals(SessionState.STARTING, batch.state(), "submitted is not running");

        resourceManager.report(APP, "RUNNING", "UNDEFINED", "");
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);
        resourceManager.report(APP, "FINISHED", "SUCCEEDED", "");
        Eventually.holds(() -> batch.state() == SessionState.SUCCESS);

        assertEquals(APP, batch.view().appId());
        assertEquals("http://rm:8088/proxy/" + APP + "/", batch.view().appInfo().get("sparkUiUrl"));
        assertEquals("http://nm:8042/node/containerlogs/container_" + APP + "/livy",
                batch.view().appInfo().get("driverLogUrl"));
    }

    @Test
    void theLogLinksTheDriversContainerLogsOnce() {
        Batch batch = batches.create(null, null, request());
        submitted();

        resourceManager.report(APP, "RUNNING", "UNDEFINED", "");
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);
        resourceManager.report(APP, "FINISHED", "SUCCEEDED", "");
        Eventually.holds(() -> batch.state() == SessionState.SUCCESS);

        String link = "livy: the driver runs in the cluster; its log: http://nm:8042/node/containerlogs/"
                + "container_" + APP + "/livy";
        assertEquals(1, batch.logLines().stream().filter(link::equals).count(), batch.logLines().toString());
    }

    @Test
    void anApplicationYarnFailsIsDeadWithYarnsDiagnosticsInTheLog() {
        Batch batch = batches.create(null, null, request());
        submitted();

        resourceManager.report(APP, "FAILED", "FAILED", "Application is added to an unknown queue: nosuch");

        Eventually.holds(() -> batch.state() == SessionState.DEAD);
        assertTrue(batch.logLines().contains("livy: YARN application " + APP
                + " FAILED (FAILED): Application is added to an unknown queue: nosuch"), batch.logLines().toString());
    }

    @Test
    void deleteKillsTheApplicationThroughTheResourceManager() {
        Batch batch = batches.create(null, null, request());
        submitted();
        resourceManager.report(APP, "RUNNING", "UNDEFINED", "");
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);

        batches.delete(batch);

        Eventually.holds(() -> resourceManager.killed().equals(List.of(APP)));
        Eventually.holds(() -> batch.state() == SessionState.KILLED);
    }

    @Test
    void anApplicationThatAppearsAfterTheDeleteIsKilledInYarn() {
        Batch batch = batches.create(null, null, request());
        Eventually.holds(() -> processes.processes().size() == 1);
        FakeChildProcess process = processes.processes().get(0);

        batches.delete(batch);
        Eventually.holds(() -> process.terminations() > 0);
        process.printError("INFO Client: Submitted application " + APP);

        Eventually.holds(() -> resourceManager.killed().equals(List.of(APP)));
    }

    @Test
    void aRecoveredBatchIsFollowedAgainThroughItsApplicationAndDeleteKillsItInYarn() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        Path directory = Files.createDirectories(workDirectory.resolve("batch-5"));
        StoredBatch stored = new StoredBatch(5, "etl", "alice", null,
                new StoredBatch.Request("/srv/jobs/etl.py", null, List.of(), Map.of()), Map.of(),
                SessionState.RUNNING, APP, null, null, (long) Integer.MAX_VALUE, 1L, directory.toString());
        store.put("batches/5", new ObjectMapper().writeValueAsBytes(stored));
        try (DetachedProcessLauncher detached = new DetachedProcessLauncher(processes)) {
            BatchManager recovered = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(
                    new SparkSubmitCommand(Path.of("/opt/spark"), "yarn", "cluster"), detached, workDirectory),
                    Path.of("/opt/livy-repl.jar"), new YarnClusterManager(true, poller), Optional.of(detached)),
                    new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)), store);
            recovered.recover();
            Batch batch = recovered.get(5).orElseThrow();
            resourceManager.report(APP, "RUNNING", "UNDEFINED", "");

            Eventually.holds(() -> batch.view().appInfo().get("sparkUiUrl") != null);
            assertEquals(SessionState.RUNNING, batch.state(), "spark-submit is gone, the application is not");

            recovered.delete(batch);
            Eventually.holds(() -> resourceManager.killed().equals(List.of(APP)));
            recovered.close(true);
        }
    }

    @Test
    void aSubmissionThatNamesNoApplicationIsDead() {
        Batch batch = batches.create(null, null, request());
        Eventually.holds(() -> processes.processes().size() == 1);
        processes.processes().get(0).exit(0);

        Eventually.holds(() -> batch.state() == SessionState.DEAD);
        assertTrue(batch.logLines().contains(
                "livy: spark-submit named no application id; the batch cannot be followed"));
    }

    @Test
    void aBatchSubmittedWhileTheResourceManagerIsUnreachableIsDeadWithTheReasonAndNoSparkSubmit() {
        resourceManager.setReachable(false);

        Batch batch = batches.create(null, null, request());

        Eventually.holds(() -> batch.state() == SessionState.DEAD);
        assertTrue(batch.logLines().contains("livy: cannot submit the application: the YARN ResourceManager at "
                + "http://rm:8088 cannot be reached (connection refused)"), batch.logLines().toString());
        assertEquals(List.of(), processes.processes(), "spark-submit would retry for minutes");
    }

    private void submitted() {
        Eventually.holds(() -> processes.processes().size() == 1);
        FakeChildProcess process = processes.processes().get(0);
        process.printError("INFO Client: Submitted application " + APP);
        process.exit(0);
    }

    private static NewBatch request() {
        return new NewBatch("hdfs:///jobs/app.py", null, List.of(), SparkResources.named("etl"));
    }
}
