package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.SessionState;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.GoneProcess;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.InMemoryStateStore;
import dev.livy.server.standalone.FakeStandaloneMaster;
import dev.livy.server.standalone.StandaloneClusterManager;
import dev.livy.server.standalone.StandaloneDriverPoller;
import dev.livy.server.testing.Eventually;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * A cluster-mode batch on a standalone master: spark-submit exits 0 once the master accepted the driver, whatever
 * becomes of it; the master's list of drivers (a fake here, behind a real listening port) moves the batch and
 * decides its end, and DELETE kills the driver through the master.
 */
class StandaloneClusterBatchTest {
    private static final String DRIVER = "driver-20261207001500-0003";

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final FakeStandaloneMaster master = new FakeStandaloneMaster();
    private final StandaloneDriverPoller poller = new StandaloneDriverPoller(master, Duration.ofMillis(20),
            Duration.ofMinutes(2));
    private ServerSocket masterPort;
    private StandaloneClusterManager cluster;
    private BatchManager batches;

    @BeforeEach
    void start() throws IOException {
        masterPort = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        String masterUrl = "spark://127.0.0.1:" + masterPort.getLocalPort();
        cluster = new StandaloneClusterManager(masterUrl, poller);
        poller.start();
        batches = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), masterUrl, "cluster"), processes, workDirectory), Path.of("/opt/livy-repl.jar"),
                cluster), new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)));
    }

    @AfterEach
    void close() throws IOException {
        batches.close();
        poller.close();
        masterPort.close();
    }

    @Test
    void theMasterNotTheExitOfSparkSubmitDecidesTheEnd() {
        Batch batch = batches.create(null, null, request());
        master.driver(DRIVER, "SUBMITTED");
        submitted();
        assertEquals(SessionState.STARTING, batch.state(), "submitted is not running");

        master.driver(DRIVER, "RUNNING");
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);
        master.driver(DRIVER, "FINISHED");
        Eventually.holds(() -> batch.state() == SessionState.SUCCESS);

        assertEquals(DRIVER, batch.view().appId());
        String driverLog = FakeStandaloneMaster.WORKER_UI + "/logPage/?driverId=" + DRIVER + "&logType=stderr";
        assertEquals(driverLog, batch.view().appInfo().get("driverLogUrl"));
        assertEquals(1, batch.logLines().stream()
                .filter(("livy: the driver runs in the cluster; its log: " + driverLog)::equals).count(),
                batch.logLines().toString());
    }

    @Test
    void aDriverThatThrowsIsDeadWithTheExceptionFromItsStderrInTheLog() {
        Batch batch = batches.create(null, null, request());
        master.stderr(DRIVER, List.of("26/12/07 00:15:03 INFO SparkContext: Running Spark version 4.3.0",
                "Exception in thread \"main\" java.lang.reflect.InvocationTargetException",
                "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(Unknown Source)",
                "Caused by: java.lang.IllegalStateException: no input today",
                "\tat dev.example.Etl.main(Etl.java:12)", "\t... 4 more",
                "26/12/07 00:15:04 INFO ShutdownHookManager: Shutdown hook called"));
        submitted();

        master.driver(DRIVER, "FAILED");

        Eventually.holds(() -> batch.state() == SessionState.DEAD);
        assertTrue(batch.logLines().contains("livy: Spark driver " + DRIVER + " FAILED on "
                + FakeStandaloneMaster.WORKER + ": Exception in thread \"main\" "
                + "java.lang.reflect.InvocationTargetException / Caused by: java.lang.IllegalStateException: "
                + "no input today"), batch.logLines().toString());
    }

    @Test
    void deleteKillsTheDriverThroughTheMaster() {
        Batch batch = batches.create(null, null, request());
        master.driver(DRIVER, "RUNNING");
        submitted();
        Eventually.holds(() -> batch.state() == SessionState.RUNNING);

        batches.delete(batch);

        Eventually.holds(() -> master.killed().equals(List.of(DRIVER)));
        Eventually.holds(() -> batch.state() == SessionState.KILLED);
    }

    @Test
    void aDriverThatAppearsAfterTheDeleteIsKilledOnTheMaster() {
        Batch batch = batches.create(null, null, request());
        Eventually.holds(() -> processes.processes().size() == 1);
        FakeChildProcess process = processes.processes().get(0);

        batches.delete(batch);
        Eventually.holds(() -> process.terminations() > 0);
        process.printError("INFO Client: Driver successfully submitted as " + DRIVER);

        Eventually.holds(() -> master.killed().equals(List.of(DRIVER)));
    }

    @Test
    void aRecoveredBatchReachesTheEndTheMasterReports() throws Exception {
        InMemoryStateStore store = new InMemoryStateStore();
        Path directory = Files.createDirectories(workDirectory.resolve("batch-5"));
        StoredBatch stored = new StoredBatch(5, "etl", "alice", null,
                new StoredBatch.Request("/srv/jobs/etl.jar", "dev.example.Etl", List.of(), Map.of()), Map.of(),
                SessionState.RUNNING, DRIVER, null, null, (long) Integer.MAX_VALUE, 1L, directory.toString());
        store.put("batches/5", new ObjectMapper().writeValueAsBytes(stored));
        master.driver(DRIVER, "RUNNING");
        try (DetachedProcessLauncher detached = new DetachedProcessLauncher(processes)) {
            BatchManager recovered = new BatchManager(new BatchLauncher(new SparkApplicationLauncher(
                    new SparkSubmitCommand(Path.of("/opt/spark"), "spark://127.0.0.1:7077", "cluster"), detached,
                    workDirectory), Path.of("/opt/livy-repl.jar"), cluster, Optional.of(detached)),
                    new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)), store);
            recovered.recover();
            Batch batch = recovered.get(5).orElseThrow();
            Eventually.holds(() -> batch.view().appInfo().get("driverLogUrl") != null);
            assertEquals(SessionState.RUNNING, batch.state(), "spark-submit is gone, the driver is not");

            master.driver(DRIVER, "FINISHED");

            Eventually.holds(() -> batch.state() == SessionState.SUCCESS);
            recovered.close(true);
        }
    }

    @Test
    void aSessionsApplicationIsNeitherFollowedNorKilledAsADriver() {
        cluster.follow("app-20261207001500-0001", report -> {
        });
        cluster.terminate(GoneProcess.INSTANCE, Optional.of("app-20261207001500-0001"));

        assertEquals(0, poller.followedCount());
        assertEquals(List.of(), master.killed());
    }

    private void submitted() {
        Eventually.holds(() -> processes.processes().size() == 1);
        FakeChildProcess process = processes.processes().get(0);
        process.printError("INFO Client: Driver successfully submitted as " + DRIVER);
        process.exit(0);
    }

    private static NewBatch request() {
        return new NewBatch("/srv/jobs/etl.jar", "dev.example.Etl", List.of(), SparkResources.named("etl"));
    }
}
