package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.testing.Eventually;
import dev.livy.common.protocol.StatementOutput;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The session's lifecycle through the manager, with a fake launcher and a fake connected driver. */
class InteractiveSessionTest {
    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private SessionManager manager;

    @BeforeEach
    void createManager() {
        SessionLauncher sessionLauncher = new SessionLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), launcher, workDirectory),
                Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000,
                new DriverSettings(7, DriverSettings.DEFAULTS.maxOutputBytes()));
        manager = new SessionManager(sessionLauncher, Clock.systemUTC(), new SessionSettings(50,
                Duration.ofMillis(200), Duration.ofMinutes(10), 2, Duration.ofMillis(50), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 20))));
        manager.start();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void launchesSparkSubmitWithTheDriverAndAPrivateConfigFile() throws Exception {
        InteractiveSession session = create(SessionKind.PYSPARK);

        assertEquals(SessionState.STARTING, session.state());
        List<String> argv = awaitLaunch().argv();
        assertEquals("/opt/spark/bin/spark-submit", argv.get(0));
        assertTrue(argv.contains("dev.livy.repl.ReplDriver"));
        assertTrue(argv.contains("livy-session-0"), "default application name");
        Path configFile = Path.of(argv.get(argv.size() - 1));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(configFile)));
        assertFalse(String.join(" ", argv).contains(session.secret()), "the secret is not on the command line");
        assertTrue(java.nio.file.Files.readString(configFile).contains(session.secret()));
    }

    @Test
    void isIdleWhenTheDriverIsReadyAndBusyWhileAStatementIsActive() throws Exception {
        InteractiveSession session = create(SessionKind.PYSPARK);
        awaitLaunch();
        FakeConnectedDriver driver = connect(session);
        driver.deliver(new DriverMessage.DriverReady("local-1", "http://ui"));
        assertEquals(SessionState.IDLE, session.state());
        assertEquals("local-1", session.view().appId());

        int id = session.submit("1 + 1", CodeKind.PYSPARK).id();
        assertEquals(SessionState.BUSY, session.state());

        driver.deliver(new DriverMessage.StatementStarted(id));
        assertEquals(StatementState.RUNNING, session.statement(id).orElseThrow().state());
        driver.deliver(new DriverMessage.StatementCompleted(id,
                new StatementOutput.Ok(id, JsonNodeFactory.instance.objectNode())));
        assertEquals(StatementState.AVAILABLE, session.statement(id).orElseThrow().state());
        assertEquals(SessionState.IDLE, session.state());
    }

    @Test
    void cancellingAWaitingStatementIsImmediate() throws Exception {
        InteractiveSession session = create(SessionKind.PYSPARK);
        int id = session.submit("1", CodeKind.PYSPARK).id();

        assertTrue(session.cancel(id));

        assertEquals(StatementState.CANCELLED, session.statement(id).orElseThrow().state());
        assertFalse(session.cancel(99));
    }

    @Test
    void driverThatExitsMakesTheSessionDeadAndFailsItsStatements() throws Exception {
        InteractiveSession session = create(SessionKind.PYSPARK);
        awaitLaunch();
        int id = session.submit("1", CodeKind.PYSPARK).id();
        FakeChildProcess process = launcher.processes().get(0);
        process.printError("Exception in thread main: boom");

        process.exit(1);

        assertEquals(SessionState.DEAD, session.state());
        assertEquals(StatementState.ERROR, session.statement(id).orElseThrow().state());
        List<String> log = session.logLines();
        assertTrue(log.contains("Exception in thread main: boom"));
        assertTrue(log.contains("livy: driver process exited with code 1"), log.toString());
        assertEquals(ErrorCode.NOT_ACCEPTING_STATEMENTS,
                assertThrows(LivyException.class, () -> session.submit("2", CodeKind.PYSPARK)).code());
        assertTrue(manager.get(session.id()).isPresent(), "a dead session stays visible for the retention time");
    }

    @Test
    void deleteShutsDownThenForgetsTheSession() throws Exception {
        InteractiveSession session = create(SessionKind.PYSPARK);
        awaitLaunch();
        FakeConnectedDriver driver = connect(session);
        driver.deliver(new DriverMessage.DriverReady("local-1", null));

        manager.delete(session);

        assertEquals(SessionState.SHUTTING_DOWN, session.state());
        FakeChildProcess process = launcher.processes().get(0);
        long deadline = System.currentTimeMillis() + 5000;
        while (manager.get(session.id()).isPresent() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(manager.get(session.id()).isPresent());
        assertEquals(1, process.terminations(), "the driver did not exit, so it was terminated after the grace");
        assertFalse(java.nio.file.Files.exists(workDirectory.resolve("session-0")), "its files are removed");
    }

    @Test
    void idsCountFromZeroAndAreNeverReused() throws Exception {
        InteractiveSession first = create(SessionKind.PYSPARK);
        awaitLaunch();
        launcher.processes().get(0).exit(1);
        manager.delete(first);
        InteractiveSession second = create(SessionKind.SQL);

        assertEquals(0, first.id());
        assertEquals(1, second.id());
    }

    private InteractiveSession create(SessionKind kind) {
        return create(kind, SessionLimits.none());
    }

    private InteractiveSession create(SessionKind kind, SessionLimits limits) {
        return manager.create(null, null, kind, SparkResources.named(null), limits);
    }

    @Test
    void aSessionUntouchedForItsHeartbeatTimeoutIsStoppedAndGoneWithTheReasonLogged() throws Exception {
        InteractiveSession session = create(SessionKind.PYSPARK, new SessionLimits(
                java.util.Optional.of(Duration.ofMillis(300)), java.util.Optional.empty(),
                java.util.Optional.empty()));
        FakeChildProcess process = awaitProcess();
        FakeConnectedDriver driver = connect(session);
        driver.deliver(new DriverMessage.DriverReady("local-1", null));

        for (int i = 0; i < 6; i++) {
            Thread.sleep(100);
            session.touch();
        }
        assertEquals(SessionState.IDLE, session.state(), "requests within the timeout keep it alive");

        Eventually.holds(() -> session.state() == SessionState.SHUTTING_DOWN || session.hasEnded());
        assertTrue(session.logLines().stream().anyMatch(line -> line.equals("livy: session stopped by the server: "
                + "no request touched it for 300ms (heartbeatTimeoutInSecond)")), session.logLines().toString());
        process.exit(0);
        Eventually.holds(() -> manager.get(session.id()).isEmpty());
    }

    @Test
    void atMostMaxCreationSessionsStartAtOnce() throws Exception {
        InteractiveSession first = create(SessionKind.PYSPARK);
        create(SessionKind.PYSPARK);

        TooManyStartingException refused = assertThrows(TooManyStartingException.class,
                () -> create(SessionKind.PYSPARK));
        assertEquals("Too many sessions are starting: at most 2 may start at once "
                + "(livy.server.session.max-creation); retry when one is ready.", refused.getMessage());
        assertEquals(2, manager.count(), "a refused create leaves nothing behind");

        connect(first).deliver(new DriverMessage.DriverReady("local-1", null));
        assertEquals(2, create(SessionKind.PYSPARK).id(), "a ready session frees a place");
    }

    @Test
    void driversGetTheServerSettings() throws Exception {
        create(SessionKind.SQL);
        Path configFile = Path.of(awaitLaunch().argv().get(awaitLaunch().argv().size() - 1));

        assertEquals(new DriverSettings(7, DriverSettings.DEFAULTS.maxOutputBytes()),
                DriverLaunchConfig.readFrom(configFile).settings());
    }

    private static FakeConnectedDriver connect(InteractiveSession session) {
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(session), "the session takes its driver");
        return driver;
    }

    private FakeChildProcess awaitProcess() throws InterruptedException {
        Eventually.holds(() -> !launcher.processes().isEmpty());
        return launcher.processes().get(0);
    }

    private dev.livy.server.launch.LaunchSpec awaitLaunch() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (launcher.launched().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        return launcher.launched().get(0);
    }
}
