package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.testing.Eventually;
import dev.livy.server.util.StateMachine;
import dev.livy.server.yarn.FakeResourceManager;
import dev.livy.server.yarn.YarnApplicationPoller;
import dev.livy.server.yarn.YarnClusterManager;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's driver on YARN in cluster mode: stopping it kills its application through the ResourceManager, also
 * when a restarted server recovered it.
 */
class DriverProcessYarnTest {
    private static final String APP = "application_1764000000000_0042";

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final FakeResourceManager resourceManager = new FakeResourceManager();
    private final YarnApplicationPoller poller = new YarnApplicationPoller(resourceManager, Duration.ofHours(1),
            Duration.ofHours(1));

    @AfterEach
    void close() {
        poller.close();
    }

    @Test
    void terminatingKillsTheApplicationTheDriverNamedAndSignalsSparkSubmit() {
        DriverProcess driver = new DriverProcess(7, new StateMachine<>(SessionState.STARTING,
                SessionState::successors), new LogBuffer(10));
        driver.launch(launcher(), SessionKind.PYSPARK, "secret", SparkResources.named("s"), () -> APP,
                started -> { });
        FakeChildProcess sparkSubmit = processes.processes().get(0);

        driver.terminate();

        Eventually.holds(() -> resourceManager.killed().equals(List.of(APP)));
        assertEquals(1, sparkSubmit.terminations());
    }

    @Test
    void aDriverThatNamedNoApplicationYetIsOnlySignalled() {
        DriverProcess driver = new DriverProcess(8, new StateMachine<>(SessionState.STARTING,
                SessionState::successors), new LogBuffer(10));
        driver.launch(launcher(), SessionKind.PYSPARK, "secret", SparkResources.named("s"), () -> null,
                started -> { });

        driver.terminate();

        poller.kill("application_1_0001");
        assertEquals(1, processes.processes().get(0).terminations());
        Eventually.holds(() -> !resourceManager.killed().isEmpty());
        assertEquals(List.of("application_1_0001"), resourceManager.killed(), "kills run in order on one thread");
    }

    @Test
    void aRecoveredDriverWithoutASparkSubmitIsStoppedThroughTheResourceManagerWithItsStoredApplication() {
        StateMachine<SessionState> lifecycle = new StateMachine<>(SessionState.RECOVERING, SessionState::successors);
        DriverProcess driver = new DriverProcess(9, lifecycle, new LogBuffer(10));
        driver.adopt(new YarnClusterManager(true, poller), Optional.empty(), () -> APP);
        lifecycle.moveTo(SessionState.SHUTTING_DOWN);

        driver.terminate();

        Eventually.holds(() -> resourceManager.killed().equals(List.of(APP)));
        assertEquals(SessionState.KILLED, lifecycle.get(), "no process will exit to end it");
    }

    @Test
    void aDriverIsNotLaunchedWhileTheResourceManagerIsUnreachable() {
        resourceManager.setReachable(false);
        StateMachine<SessionState> lifecycle = new StateMachine<>(SessionState.STARTING, SessionState::successors);
        LogBuffer log = new LogBuffer(10);
        DriverProcess driver = new DriverProcess(9, lifecycle, log);

        driver.launch(launcher(), SessionKind.PYSPARK, "secret", SparkResources.named("s"), () -> null,
                started -> { });

        assertEquals(SessionState.DEAD, lifecycle.get());
        assertTrue(log.lines().contains("livy: cannot submit the application: the YARN ResourceManager at "
                + "http://rm:8088 cannot be reached (connection refused)"), log.lines().toString());
        assertEquals(List.of(), processes.processes());
    }

    private SessionLauncher launcher() {
        return new SessionLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(Path.of("/opt/spark"), "yarn",
                "cluster"), processes, workDirectory), Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000,
                DriverSettings.DEFAULTS, DriverClassArchive.disabled(), new YarnClusterManager(true, poller));
    }
}
