package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.testing.Eventually;
import dev.livy.server.yarn.FakeResourceManager;
import dev.livy.server.yarn.YarnApplicationPoller;
import dev.livy.server.yarn.YarnClusterManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session on YARN: its {@code appInfo} links come from the ResourceManager's reports, as a batch's do. */
class YarnSessionLinksTest {
    private static final String APP = "application_1764000000000_0007";

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final FakeResourceManager resourceManager = new FakeResourceManager();
    private final YarnApplicationPoller poller = new YarnApplicationPoller(resourceManager, Duration.ofMillis(20),
            Duration.ofMinutes(2));
    private SessionManager manager;

    @BeforeEach
    void start() {
        poller.start();
        SessionLauncher launcher = new SessionLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "yarn", "client"), processes, workDirectory), Path.of("/opt/livy/repl.jar"),
                "127.0.0.1", 4000, DriverSettings.DEFAULTS, DriverClassArchive.disabled(),
                new YarnClusterManager(false, poller));
        manager = new SessionManager(launcher, Clock.systemUTC(), new SessionSettings(50, Duration.ofMillis(200),
                Duration.ofMinutes(10), 2, Duration.ofMillis(50), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 20))));
        manager.start();
    }

    @AfterEach
    void close() {
        manager.close();
        poller.close();
    }

    @Test
    void theDriverLogAndTheUiAreYarnsOnceTheDriverNamesItsApplication() {
        InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK, SparkResources.named("s"),
                SessionLimits.none());
        Eventually.holds(() -> !processes.processes().isEmpty());
        FakeConnectedDriver driver = new FakeConnectedDriver();
        driver.connectTo(session);
        resourceManager.report(APP, "RUNNING", "UNDEFINED", "");

        driver.deliver(new DriverMessage.DriverReady(APP, "http://driver-host:4040"));

        Eventually.holds(() -> session.view().appInfo().get("driverLogUrl") != null);
        assertEquals("http://nm:8042/node/containerlogs/container_" + APP + "/livy",
                session.view().appInfo().get("driverLogUrl"));
        assertEquals("http://rm:8088/proxy/" + APP + "/", session.view().appInfo().get("sparkUiUrl"));
    }
}
