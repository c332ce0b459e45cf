package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionState;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalClusterManagerTest {
    private final ClusterManager client = new LocalClusterManager(false);

    @Test
    void readsTheApplicationIdFromTheOutputOfEachMaster() {
        assertEquals(Optional.of("local-1795280969251"),
                client.applicationId("livy-batch-application-id: local-1795280969251"));
        assertEquals(Optional.of("app-20261121173804-0007"),
                client.applicationId("INFO StandaloneSchedulerBackend: Connected to Spark cluster with app ID "
                        + "app-20261121173804-0007"));
        assertEquals(Optional.of("application_1795280969251_0042"),
                client.applicationId("INFO Client: Submitted application application_1795280969251_0042"));
        assertEquals(Optional.empty(), client.applicationId("INFO SparkContext: Submitted application: b.py"));
    }

    @Test
    void readsTheUiAndTheStateTheClusterReports() {
        assertEquals(Optional.of("http://127.0.0.1:4040"),
                client.sparkUiUrl("INFO JettyUtils: Start Jetty 127.0.0.1:4040 for SparkUI"));
        assertEquals(Optional.of(SessionState.RUNNING),
                client.reportedState("INFO Client: Application report for application_1_2 (state: RUNNING)"));
        assertEquals(Optional.empty(), client.reportedState("RESULT 10"));
    }

    @Test
    void theDriverRunsOnTheServerInClientModeOnly() {
        assertTrue(client.driverOnServer());
        assertFalse(new LocalClusterManager(true).driverOnServer());
    }

    @Test
    void stopsTheApplicationBySignallingTheLaunchsProcessTree() throws Exception {
        FakeProcessLauncher processes = new FakeProcessLauncher();
        LaunchSpec spec = new LaunchSpec(List.of("spark-submit"), Map.of(), Path.of("/tmp"));
        FakeChildProcess terminated = (FakeChildProcess) processes.launch(spec, new LogBuffer(1));
        FakeChildProcess killed = (FakeChildProcess) processes.launch(spec, new LogBuffer(1));

        client.terminate(terminated, Optional.empty());
        client.kill(killed);

        assertEquals(143, terminated.onExit().get(), "SIGTERM");
        assertEquals(137, killed.onExit().get(), "SIGKILL");
    }
}
