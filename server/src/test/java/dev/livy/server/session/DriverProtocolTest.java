package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.FakeProcessLauncher.FakeChildProcess;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.testing.Eventually;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session sends its driver, and when, seen through a fake connected driver. The stop grace is a minute, so
 * that a session that waited it out could not pass a test.
 */
class DriverProtocolTest {
    private static final Duration STOP_GRACE = Duration.ofMinutes(1);

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private SessionManager manager;

    @BeforeEach
    void createManager() {
        manager = new SessionManager(new SessionLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), launcher, workDirectory),
                Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000, DriverSettings.DEFAULTS),
                Clock.systemUTC(), new SessionSettings(50, STOP_GRACE, Duration.ofMinutes(10), 5,
                Duration.ofSeconds(1), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 20))));
        manager.start();
    }

    @AfterEach
    void closeManager() {
        launcher.processes().forEach(process -> process.exit(0));
        manager.close();
    }

    @Test
    void submitSendsExecute() {
        InteractiveSession session = create();
        FakeConnectedDriver driver = readyDriver(session);

        int id = session.submit("1 + 1", CodeKind.PYSPARK).id();

        assertEquals(List.of(new DriverMessage.Execute(id, CodeKind.PYSPARK, "1 + 1")), driver.sent());
    }

    @Test
    void attachReplaysTheWaitingStatementsInOrder() {
        InteractiveSession session = create();
        session.submit("first", CodeKind.PYSPARK);
        session.submit("cancelled", CodeKind.SPARK);
        session.submit("third", CodeKind.SQL);
        session.cancel(1);

        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(session));

        assertEquals(List.of(new DriverMessage.Execute(0, CodeKind.PYSPARK, "first"),
                new DriverMessage.Execute(2, CodeKind.SQL, "third")), driver.sent());
        assertFalse(new FakeConnectedDriver().connectTo(session), "a second driver is refused");
    }

    @Test
    void cancelOfAWaitingStatementIsImmediateAndTellsTheDriver() {
        InteractiveSession session = create();
        FakeConnectedDriver driver = readyDriver(session);
        int id = session.submit("sleep", CodeKind.PYSPARK).id();

        assertTrue(session.cancel(id));

        assertEquals(StatementState.CANCELLED, session.statement(id).orElseThrow().state());
        assertEquals(new DriverMessage.Cancel(id), driver.sent().get(1));
    }

    @Test
    void cancelOfARunningStatementAsksTheDriverAndEndsWhenItAnswers() {
        InteractiveSession session = create();
        FakeConnectedDriver driver = readyDriver(session);
        int id = session.submit("sleep", CodeKind.PYSPARK).id();
        driver.deliver(new DriverMessage.StatementStarted(id));

        assertTrue(session.cancel(id));

        assertEquals(StatementState.CANCELLING, session.statement(id).orElseThrow().state());
        assertEquals(List.of(new DriverMessage.Execute(id, CodeKind.PYSPARK, "sleep"), new DriverMessage.Cancel(id)),
                driver.sent());
        driver.deliver(new DriverMessage.StatementCancelled(id));
        assertEquals(StatementState.CANCELLED, session.statement(id).orElseThrow().state());
    }

    @Test
    void deleteSendsShutdownAndLeavesTheDriverTimeToExit() throws Exception {
        InteractiveSession session = create();
        FakeChildProcess process = awaitProcess();
        FakeConnectedDriver driver = readyDriver(session);

        manager.delete(session);

        assertEquals(List.of(new DriverMessage.Shutdown()), driver.sent());
        assertEquals(SessionState.SHUTTING_DOWN, session.state());
        assertEquals(0, process.terminations());
        process.exit(0);
        assertEquals(SessionState.KILLED, session.state());
        assertTrue(driver.isClosed());
    }

    @Test
    void aDisconnectMakesTheSessionDeadAndItsActiveStatementsError() throws Exception {
        InteractiveSession session = create();
        FakeChildProcess process = awaitProcess();
        FakeConnectedDriver driver = readyDriver(session);
        int running = session.submit("sleep", CodeKind.PYSPARK).id();
        int waiting = session.submit("1", CodeKind.PYSPARK).id();
        driver.deliver(new DriverMessage.StatementStarted(running));

        driver.disconnect("driver connection lost: reset");

        assertEquals(SessionState.DEAD, session.state());
        assertEquals(StatementState.ERROR, session.statement(running).orElseThrow().state());
        assertEquals(StatementState.ERROR, session.statement(waiting).orElseThrow().state());
        assertTrue(session.logLines().contains("livy: driver connection lost: reset"), session.logLines().toString());
        assertFalse(process.isAlive(), "what is left of the driver is killed");
    }

    @Test
    void aSessionWhoseDriverNeverConnectedStopsAtOnce() throws Exception {
        InteractiveSession session = create();
        FakeChildProcess process = awaitProcess();

        manager.delete(session);

        Eventually.holds(() -> manager.get(session.id()).isEmpty());
        assertEquals(SessionState.KILLED, session.state());
        assertFalse(process.isAlive(), "spark-submit was terminated without waiting out the stop grace");
    }

    private InteractiveSession create() {
        return manager.create(null, null, SessionKind.PYSPARK, SparkResources.named(null), SessionLimits.none());
    }

    private static FakeConnectedDriver readyDriver(InteractiveSession session) {
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(session));
        driver.deliver(new DriverMessage.DriverReady("local-1", null));
        return driver;
    }

    private FakeChildProcess awaitProcess() {
        Eventually.holds(() -> !launcher.processes().isEmpty());
        return launcher.processes().get(0);
    }
}
