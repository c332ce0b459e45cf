package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.driver.FakeConnectedDriver;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The statement history is bounded by count, by each session's output bytes and by the server's. */
class StatementHistoryTest {
    private static final int OUTPUT_CHARACTERS = 4000;
    /** Room for five outputs of {@link #OUTPUT_CHARACTERS} with their JSON around them, not for six. */
    private static final int FIVE_OUTPUTS = 5 * OUTPUT_CHARACTERS + 1000;

    @TempDir
    Path workDirectory;

    private SessionManager manager;
    private final Map<InteractiveSession, FakeConnectedDriver> drivers = new ConcurrentHashMap<>();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void keepsTheLastRetainedStatementsAndIdsKeepCounting() {
        InteractiveSession session = readySession(new StatementRetention(3, 1 << 20, new RetainedOutputs(1 << 24)));

        for (int i = 0; i < 5; i++) {
            run(session, "small");
        }

        assertEquals(List.of(2, 3, 4), ids(session.statements()));
        assertTrue(session.statement(0).isEmpty(), "a dropped statement is not found");
        assertEquals(5, session.submit("1", CodeKind.PYSPARK).id());
    }

    @Test
    void neverDropsWaitingOrRunningStatements() {
        InteractiveSession session = readySession(new StatementRetention(2, 1 << 20, new RetainedOutputs(1 << 24)));

        for (int i = 0; i < 4; i++) {
            session.submit("sleep", CodeKind.PYSPARK);
        }
        drivers.get(session).deliver(new DriverMessage.StatementStarted(0));
        assertEquals(List.of(0, 1, 2, 3), ids(session.statements()));

        complete(session, 0, "done");
        drivers.get(session).deliver(new DriverMessage.StatementStarted(1));
        complete(session, 1, "done");
        assertEquals(List.of(1, 2, 3), ids(session.statements()), "only finished ones go, oldest first");
    }

    @Test
    void keepsASessionsOutputsWithinItsByteBudget() {
        InteractiveSession session = readySession(
                new StatementRetention(100, 3 * OUTPUT_CHARACTERS + 500, new RetainedOutputs(1 << 24)));

        for (int i = 0; i < 6; i++) {
            run(session, "x".repeat(OUTPUT_CHARACTERS));
        }

        assertEquals(List.of(3, 4, 5), ids(session.statements()));
    }

    @Test
    void keepsTheNewestOutputEvenWhenItAloneIsOverTheBudget() {
        InteractiveSession session = readySession(new StatementRetention(100, 10, new RetainedOutputs(10)));

        run(session, "x".repeat(OUTPUT_CHARACTERS));
        run(session, "x".repeat(OUTPUT_CHARACTERS));

        assertEquals(List.of(1), ids(session.statements()));
    }

    @Test
    void keepsAllSessionsOutputsWithinTheServersBudgetDroppingTheOldestAnywhere() {
        RetainedOutputs server = new RetainedOutputs(FIVE_OUTPUTS);
        StatementRetention retention = new StatementRetention(100, 1 << 20, server);
        InteractiveSession first = readySession(retention);
        InteractiveSession second = readySession(retention);

        for (int i = 0; i < 3; i++) {
            run(first, "x".repeat(OUTPUT_CHARACTERS));
        }
        for (int i = 0; i < 3; i++) {
            run(second, "y".repeat(OUTPUT_CHARACTERS));
        }

        assertEquals(List.of(1, 2), ids(first.statements()), "the oldest output of all went");
        assertEquals(List.of(0, 1, 2), ids(second.statements()));
        assertTrue(server.total() <= FIVE_OUTPUTS, "total " + server.total());

        manager.delete(second);
        Eventually.holds(() -> manager.get(second.id()).isEmpty());
        // The manager forgets the session, then the session releases its outputs: wait for the release. Two
        // outputs remain, each with the JSON around it (status, execution_count, data), not the five of both sessions.
        Eventually.holds(() -> server.total() <= 2 * (OUTPUT_CHARACTERS + 100));
        assertTrue(server.total() <= 2 * (OUTPUT_CHARACTERS + 100), "a forgotten session's outputs stop counting");
    }

    private InteractiveSession readySession(StatementRetention retention) {
        if (manager == null) {
            manager = new SessionManager(new SessionLauncher(new SparkApplicationLauncher(
                    new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), new FakeProcessLauncher(),
                    workDirectory), Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000, DriverSettings.DEFAULTS),
                    Clock.systemUTC(), new SessionSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10), 5,
                    Duration.ofSeconds(1), SessionExpiry.never(), retention));
            manager.start();
        }
        InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK,
                SparkResources.named(null), SessionLimits.none());
        FakeConnectedDriver driver = new FakeConnectedDriver();
        driver.connectTo(session);
        drivers.put(session, driver);
        driver.deliver(new DriverMessage.DriverReady("local-1", null));
        return session;
    }

    private void run(InteractiveSession session, String text) {
        int id = session.submit("print(text)", CodeKind.PYSPARK).id();
        drivers.get(session).deliver(new DriverMessage.StatementStarted(id));
        complete(session, id, text);
    }

    private void complete(InteractiveSession session, int id, String text) {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("text/plain", text);
        drivers.get(session).deliver(new DriverMessage.StatementCompleted(id, new StatementOutput.Ok(id, data)));
    }

    private static List<Integer> ids(List<StatementView> statements) {
        return statements.stream().map(StatementView::id).toList();
    }
}
