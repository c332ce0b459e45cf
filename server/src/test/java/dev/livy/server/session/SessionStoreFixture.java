package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.StatementOutput;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.InMemoryStateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Session managers with recovery on, one after another on one in-memory state store and one fake process launcher
 * (as a server and the server restarted after it), with what their tests read from the store. Not thread-safe.
 */
final class SessionStoreFixture {
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    private final Path workDirectory;
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private final List<SessionManager> managers = new ArrayList<>();

    SessionStoreFixture(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    InMemoryStateStore store() {
        return store;
    }

    FakeProcessLauncher launcher() {
        return launcher;
    }

    List<SessionManager> managers() {
        return managers;
    }

    /** Ends every driver and stops every manager. */
    void close() {
        launcher.processes().forEach(process -> process.exit(0));
        managers.forEach(manager -> manager.close(true));
    }

    SessionManager manager(Duration reconnectTimeout) {
        return manager(reconnectTimeout, 100);
    }

    /** A started manager whose sessions keep {@code statements} statements. */
    SessionManager manager(Duration reconnectTimeout, int statements) {
        return manager(reconnectTimeout, statements, PoolSettings.DISABLED);
    }

    /** A started manager with a warm pool of one pyspark driver, refilled ten minutes after it is taken. */
    SessionManager pooledManager(Duration reconnectTimeout) {
        return manager(reconnectTimeout, 100, new PoolSettings(1, List.of(SessionKind.PYSPARK),
                Duration.ofMinutes(10)));
    }

    private SessionManager manager(Duration reconnectTimeout, int statements, PoolSettings pool) {
        SessionManager manager = new SessionManager(new SessionLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), launcher, workDirectory),
                Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000, DriverSettings.DEFAULTS),
                Clock.systemUTC(), new SessionSettings(50, STOP_GRACE, Duration.ofMinutes(10), 5,
                Duration.ofSeconds(1), SessionExpiry.never(),
                new StatementRetention(statements, 1 << 20, new RetainedOutputs(1 << 20))), SessionObserver.NONE,
                store, reconnectTimeout, pool);
        managers.add(manager);
        manager.start();
        return manager;
    }

    InteractiveSession create(SessionManager manager) {
        return manager.create(null, null, SessionKind.PYSPARK, SparkResources.named(null), SessionLimits.none());
    }

    FakeConnectedDriver readyDriver(InteractiveSession session) {
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(session));
        driver.deliver(new DriverMessage.DriverReady("local-1", null));
        return driver;
    }

    StatementOutput ok(int id, String text) {
        return new StatementOutput.Ok(id, JsonNodeFactory.instance.objectNode().put("text/plain", text));
    }

    JsonNode json(String key) throws IOException {
        return FrameCodec.mapper().readTree(store.get(key).orElseThrow());
    }

    String text(String key) {
        return new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
    }

    /** A statement as the session's log holds it after folding: its last record, empty once it was dropped. */
    Optional<JsonNode> statement(int sessionId, int statementId) {
        JsonNode last = null;
        for (byte[] record : store.records("sessions/" + sessionId)) {
            JsonNode change = readTree(record);
            if (change.has("statement") && change.get("statement").get("id").asInt() == statementId) {
                last = change.get("statement");
            } else if (change.has("dropped") && change.get("dropped").asInt() == statementId) {
                last = null;
            }
        }
        return Optional.ofNullable(last);
    }

    /** The folded state of a statement in its session's log, or "" when there is none. */
    String statementState(int sessionId, int statementId) {
        return statement(sessionId, statementId).map(node -> node.get("state").asText()).orElse("");
    }

    private static JsonNode readTree(byte[] json) {
        try {
            return FrameCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String stateOf(String key) {
        try {
            return json(key).get("state").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
