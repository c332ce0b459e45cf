package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.StateStore;
import dev.livy.server.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The warm pool behind the session manager, with a fake process launcher and fake connected drivers. */
class WarmPoolTest {
    private static final SparkResources NOTHING = SparkResources.named(null);
    private static final SessionLimits NO_LIMITS = SessionLimits.none();

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private SessionManager manager;

    private SessionManager start(int maxStarting, Duration refillDelay) {
        manager = new SessionManager(new SessionLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), launcher, workDirectory),
                Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000, DriverSettings.DEFAULTS),
                Clock.systemUTC(), new SessionSettings(50, Duration.ofSeconds(1), Duration.ofMinutes(10),
                maxStarting, Duration.ofSeconds(1), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 20))),
                SessionObserver.NONE, StateStore.DISABLED, Duration.ZERO,
                new PoolSettings(1, List.of(SessionKind.PYSPARK), refillDelay));
        manager.start();
        return manager;
    }

    @AfterEach
    void closeManager() {
        if (manager != null) {
            manager.close();
        }
    }

    /** The pooled driver the pool launched n-th (from 1): it connects and reports ready. */
    private FakeConnectedDriver readyPooledDriver(int n) {
        Eventually.holds(() -> launcher.processes().size() >= n);
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(manager.pendingDriver(-n).orElseThrow()));
        driver.deliver(new DriverMessage.DriverReady("local-1", "http://127.0.0.1:4041"));
        Eventually.holds(() -> manager.pooledReady(SessionKind.PYSPARK) == 1);
        return driver;
    }

    private List<String> launchedDirectories() {
        return launcher.launched().stream().map(spec -> spec.workingDirectory().getFileName().toString()).toList();
    }

    @Test
    void aSessionAskingForNothingTakesTheReadyPooledDriverAndIsIdleOnceBound() {
        start(5, Duration.ofMinutes(10));
        FakeConnectedDriver pooled = readyPooledDriver(1);

        InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK, NOTHING.withName("mine"),
                NO_LIMITS);

        assertEquals(0, session.id(), "a pooled driver takes no session id");
        assertEquals(SessionState.STARTING, session.state());
        assertEquals(List.of(new DriverMessage.Bind(0)), pooled.sent());
        pooled.deliver(new DriverMessage.DriverReady("local-1", "http://127.0.0.1:4041"));
        assertEquals(SessionState.IDLE, session.state());
        assertEquals(SessionState.STARTING, session.createdView().state(), "the create answers starting");
        assertEquals("local-1", session.view().appId());
        assertEquals("true", session.view().appInfo().get("pooled"));
        assertEquals(List.of("pool-1"), launchedDirectories(), "no spark-submit for the session");
        int statement = session.submit("1 + 1", CodeKind.PYSPARK).id();
        assertEquals(new DriverMessage.Execute(statement, CodeKind.PYSPARK, "1 + 1"), pooled.sent().get(1));
    }

    @Test
    void aPooledDriverThatAnswersTheBindBeforeTheSessionGoesOnIsIdleAndKept() {
        start(5, Duration.ofMinutes(10));
        FakeConnectedDriver pooled = readyPooledDriver(1);
        pooled.answerAtOnce(message -> message instanceof DriverMessage.Bind
                ? Optional.of(new DriverMessage.DriverReady("local-1", "http://127.0.0.1:4041"))
                : Optional.empty());

        InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK, NOTHING, NO_LIMITS);

        assertEquals(SessionState.IDLE, session.state());
        assertEquals(0, launcher.processes().get(0).terminations(), "the bound driver is not stopped");
        int statement = session.submit("1 + 1", CodeKind.PYSPARK).id();
        assertEquals(new DriverMessage.Execute(statement, CodeKind.PYSPARK, "1 + 1"), pooled.sent().get(1));
    }

    @Test
    void aSessionWithConfOrAnotherKindStartsCold() {
        start(5, Duration.ofMinutes(10));
        readyPooledDriver(1);

        InteractiveSession withConf = manager.create(null, null, SessionKind.PYSPARK,
                new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(), null, null, "2g", null,
                        null, null, Map.of("spark.sql.shuffle.partitions", "4")), NO_LIMITS);
        InteractiveSession scala = manager.create(null, null, SessionKind.SPARK, NOTHING, NO_LIMITS);

        Eventually.holds(() -> launchedDirectories().size() == 3);
        assertEquals(List.of("pool-1", "session-0", "session-1"), launchedDirectories().stream().sorted().toList());
        assertEquals(1, manager.pooledReady(SessionKind.PYSPARK), "the pooled driver is still there");
        assertFalse(withConf.view().appInfo().containsKey("pooled"));
        assertFalse(scala.view().appInfo().containsKey("pooled"));
    }

    @Test
    void aPooledDriverThatDiesIsNeverHandedOutAndIsReplaced() {
        start(5, Duration.ZERO);
        readyPooledDriver(1);

        launcher.processes().get(0).exit(1);
        Eventually.holds(() -> manager.pooledReady(SessionKind.PYSPARK) == 0);
        Eventually.holds(() -> launcher.processes().size() == 2);
        InteractiveSession cold = manager.create(null, null, SessionKind.PYSPARK, NOTHING, NO_LIMITS);

        Eventually.holds(() -> launchedDirectories().size() == 3);
        assertEquals(List.of("pool-1", "pool-2", "session-0"), launchedDirectories().stream().sorted().toList());
        assertFalse(cold.view().appInfo().containsKey("pooled"));
    }

    @Test
    void startingPooledDriversCountAgainstMaxCreation() {
        start(1, Duration.ofMinutes(10));
        Eventually.holds(() -> launcher.processes().size() == 1);

        assertThrows(TooManyStartingException.class,
                () -> manager.create(null, null, SessionKind.SQL, NOTHING, NO_LIMITS));
    }

    @Test
    void closeStopsEveryPooledDriver() {
        start(5, Duration.ofMinutes(10));
        FakeConnectedDriver pooled = readyPooledDriver(1);

        manager.close();

        assertEquals(DriverMessage.Shutdown.class, pooled.sent().get(0).getClass());
        assertFalse(launcher.processes().get(0).isAlive());
    }
}
