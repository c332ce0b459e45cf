package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.StatementOutput;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.InMemoryStateStore;
import dev.livy.server.testing.Eventually;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a session manager with recovery on keeps in the state store, and what a later manager on the same store
 * brings back: sessions in {@code recovering} with their statements, drivers that reconnect and resynchronise,
 * and sessions whose driver does not come back.
 */
class SessionRecoveryTest {
    private static final Duration STOP_GRACE = Duration.ofSeconds(1);

    @TempDir
    Path workDirectory;

    private final InMemoryStateStore store = new InMemoryStateStore();
    private final FakeProcessLauncher launcher = new FakeProcessLauncher();
    private final List<SessionManager> managers = new ArrayList<>();

    @AfterEach
    void closeManagers() {
        launcher.processes().forEach(process -> process.exit(0));
        managers.forEach(manager -> manager.close(true));
    }

    @Test
    void aCreatedSessionIsStoredWithItsSecretAndTheNextId() throws IOException {
        SessionManager manager = manager(Duration.ofMinutes(30));
        InteractiveSession session = manager.create("alice", "bob", SessionKind.PYSPARK,
                SparkResources.named("notebook"), new SessionLimits(Optional.empty(), Optional.of(Duration.ofHours(2)),
                        Optional.empty()));

        JsonNode stored = json("sessions/0");
        assertEquals("alice", stored.get("owner").asText());
        assertEquals("bob", stored.get("proxyUser").asText());
        assertEquals("pyspark", stored.get("kind").asText());
        assertEquals("notebook", stored.get("name").asText());
        assertEquals(7_200_000, stored.get("ttlMillis").asLong());
        assertEquals(session.secret(), stored.get("secret").asText());
        assertEquals("1", text("ids/session"));
    }

    @Test
    void aCreateThatCannotBeStoredAnswers503AndStartsNothing() {
        SessionManager manager = manager(Duration.ofMinutes(30));
        store.failWrites(true);

        LivyException refused = assertThrows(LivyException.class, () -> create(manager));

        assertEquals(ErrorCode.NOT_RECORDED, refused.code());
        assertEquals(503, refused.code().status());
        assertTrue(refused.getMessage().contains("cannot be recorded"), refused.getMessage());
        assertEquals(0, manager.count());
        assertTrue(launcher.launched().isEmpty(), "no spark-submit");
    }

    @Test
    void aStatementIsStoredWhenQueuedAndAgainWhenItCompletes() throws IOException {
        SessionManager manager = manager(Duration.ofMinutes(30));
        InteractiveSession session = create(manager);
        FakeConnectedDriver driver = readyDriver(session);

        int id = session.submit("1 + 1", CodeKind.PYSPARK).id();

        JsonNode queued = json("sessions/0/statements/" + id);
        assertEquals("waiting", queued.get("state").asText());
        assertEquals("1 + 1", queued.get("code").asText());
        driver.deliver(new DriverMessage.StatementStarted(id));
        driver.deliver(new DriverMessage.StatementCompleted(id, ok(id, "2")));
        Eventually.holds(() -> stateOf("sessions/0/statements/" + id).equals("available"));
        assertEquals("2", json("sessions/0/statements/" + id).get("output").get("data").get("text/plain").asText());
        assertEquals("local-1", json("sessions/0").get("appId").asText());
    }

    @Test
    void aStatementTheHistoryDropsIsDroppedFromTheStore() {
        SessionManager manager = manager(Duration.ofMinutes(30), 2);
        InteractiveSession session = create(manager);
        FakeConnectedDriver driver = readyDriver(session);

        for (int i = 0; i < 3; i++) {
            int id = session.submit("select " + i, CodeKind.SQL).id();
            driver.deliver(new DriverMessage.StatementStarted(id));
            driver.deliver(new DriverMessage.StatementCompleted(id, ok(id, "row")));
        }

        Eventually.holds(() -> store.keys().equals(List.of("ids/session", "sessions/0",
                "sessions/0/statements/1", "sessions/0/statements/2")));
        assertEquals(List.of(1, 2), session.statements().stream().map(StatementView::id).toList());
    }

    @Test
    void aStatementThatCannotBeStoredIsRefusedWith503() {
        SessionManager manager = manager(Duration.ofMinutes(30));
        InteractiveSession session = create(manager);
        FakeConnectedDriver driver = readyDriver(session);
        store.failWrites(true);

        LivyException refused = assertThrows(LivyException.class, () -> session.submit("1", CodeKind.PYSPARK));

        assertEquals(503, refused.code().status());
        assertEquals(List.of(), session.statements());
        assertEquals(List.of(), driver.sent());
    }

    @Test
    void anEndedSessionIsRemovedFromTheStore() {
        SessionManager manager = manager(Duration.ofMinutes(30));
        InteractiveSession session = create(manager);
        readyDriver(session).deliver(new DriverMessage.StatementStarted(session.submit("1", CodeKind.SQL).id()));
        Eventually.holds(() -> !launcher.processes().isEmpty());

        manager.delete(session);
        launcher.processes().get(0).exit(0);

        Eventually.holds(() -> session.state() == SessionState.KILLED);
        Eventually.holds(() -> store.keys().equals(List.of("ids/session")));
    }

    @Test
    void aLaterServerRecoversTheSessionsWithTheirStatementsAndIdsAboveThem() throws IOException {
        SessionManager first = manager(Duration.ofMinutes(30));
        InteractiveSession original = first.create("alice", null, SessionKind.SPARK, SparkResources.named("mine"),
                SessionLimits.none());
        FakeConnectedDriver driver = readyDriver(original);
        int done = original.submit("val x = 1", CodeKind.SPARK).id();
        int running = original.submit("Thread.sleep(20000)", CodeKind.SPARK).id();
        int waiting = original.submit("x + 1", CodeKind.SPARK).id();
        driver.deliver(new DriverMessage.StatementStarted(done));
        driver.deliver(new DriverMessage.StatementCompleted(done, ok(done, "x: Int = 1")));
        driver.deliver(new DriverMessage.StatementStarted(running));
        Eventually.holds(() -> stateOf("sessions/0/statements/" + done).equals("available"));
        List<StatementView> before = original.statements();
        first.close(false);

        SessionManager second = manager(Duration.ofMinutes(30));
        second.recover();

        InteractiveSession recovered = second.get(0).orElseThrow();
        assertEquals(SessionState.RECOVERING, recovered.state());
        assertEquals("alice", recovered.owner());
        assertEquals("mine", recovered.name());
        assertEquals(SessionKind.SPARK, recovered.kind());
        assertEquals(original.secret(), recovered.secret());
        assertEquals("local-1", recovered.view().appId());
        assertEquals(List.of(done, running, waiting), recovered.statements().stream().map(StatementView::id).toList());
        assertEquals(before.get(0), recovered.statements().get(0), "the completed statement with its output");
        assertEquals(StatementState.WAITING, recovered.statement(running).orElseThrow().state(),
                "as last stored: its start was not written");
        assertEquals(recovered, second.getByName("mine").orElseThrow());
        assertEquals(1, create(second).id(), "a new session's id is above every earlier one");
    }

    @Test
    void aReconnectingDriverIsAskedAboutTheActiveStatementsAndItsAnswersApply() throws IOException {
        SessionManager first = manager(Duration.ofMinutes(30));
        InteractiveSession original = create(first);
        FakeConnectedDriver driver = readyDriver(original);
        int finishedMeanwhile = original.submit("slow()", CodeKind.PYSPARK).id();
        int neverReceived = original.submit("lost()", CodeKind.PYSPARK).id();
        first.close(false);

        SessionManager second = manager(Duration.ofMinutes(30));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();
        FakeConnectedDriver reconnected = new FakeConnectedDriver();
        assertTrue(reconnected.connectTo(recovered));

        assertEquals(List.of(new DriverMessage.Resync(List.of(finishedMeanwhile, neverReceived))),
                reconnected.sent());
        reconnected.deliver(new DriverMessage.DriverReady("local-1", null));
        reconnected.deliver(new DriverMessage.StatementCompleted(finishedMeanwhile, ok(finishedMeanwhile, "42")));
        reconnected.deliver(new DriverMessage.StatementUnknown(neverReceived));

        assertEquals(StatementState.AVAILABLE, recovered.statement(finishedMeanwhile).orElseThrow().state());
        assertEquals(new DriverMessage.Execute(neverReceived, CodeKind.PYSPARK, "lost()"), reconnected.sent().get(1));
        assertEquals(SessionState.BUSY, recovered.state());
        reconnected.deliver(new DriverMessage.StatementStarted(neverReceived));
        reconnected.deliver(new DriverMessage.StatementCompleted(neverReceived, ok(neverReceived, "ok")));
        assertEquals(SessionState.IDLE, recovered.state());
        assertFalse(new FakeConnectedDriver().connectTo(recovered), "a second driver is refused");
        assertTrue(driver.sent().stream().noneMatch(DriverMessage.Shutdown.class::isInstance),
                "the first server left the driver running");
    }

    @Test
    void aRecoveredSessionWhoseDriverDoesNotReconnectInTimeIsDead() throws IOException {
        create(manager(Duration.ofMinutes(30)));
        managers.get(0).close(false);

        SessionManager second = manager(Duration.ofMillis(200));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();

        Eventually.holds(() -> recovered.state() == SessionState.DEAD);
        assertTrue(recovered.logLines().stream().anyMatch(line -> line.contains("did not reconnect within")
                && line.contains("livy.rsc.server.reconnect-timeout")), recovered.logLines().toString());
        Eventually.holds(() -> store.keys().equals(List.of("ids/session")));
    }

    @Test
    void aRecoveredSessionWhoseDriverProcessIsGoneIsDeadAtOnce() throws Exception {
        create(manager(Duration.ofMinutes(30)));
        managers.get(0).close(false);
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        ObjectNode stored = (ObjectNode) json("sessions/0");
        stored.put("driverPid", exited.pid()).put("driverStartedAt", 1_000L);
        store.put("sessions/0", FrameCodec.mapper().writeValueAsBytes(stored));

        SessionManager second = manager(Duration.ofMinutes(30));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();

        assertEquals(SessionState.DEAD, recovered.state());
        assertTrue(recovered.logLines().contains("livy: the driver process (pid " + exited.pid()
                + ") was gone when the server restarted"), recovered.logLines().toString());
    }

    @Test
    void aCorruptEntryIsSkippedAndTheOthersRecover() throws IOException {
        SessionManager first = manager(Duration.ofMinutes(30));
        create(first);
        create(first);
        first.close(false);
        store.put("sessions/1", "{not json".getBytes(StandardCharsets.UTF_8));
        store.put("sessions/5", "{}".getBytes(StandardCharsets.UTF_8));
        store.put("ids/session", "2".getBytes(StandardCharsets.UTF_8));

        SessionManager second = manager(Duration.ofMinutes(30));
        second.recover();

        assertEquals(List.of(0), second.all().stream().map(InteractiveSession::id).toList());
        assertEquals(6, create(second).id(), "above the unreadable entries' ids too");
    }

    @Test
    void recoveredSessionsHaveTheirOwnSecrets() throws IOException {
        SessionManager first = manager(Duration.ofMinutes(30));
        create(first);
        create(first);
        first.close(false);

        SessionManager second = manager(Duration.ofMinutes(30));
        second.recover();

        assertNotEquals(second.get(0).orElseThrow().secret(), second.get(1).orElseThrow().secret());
    }

    @Test
    void aRecoveredSessionTakesOnlyItsOwnDriverOverTheChannel() throws Exception {
        SessionManager first = manager(Duration.ofMinutes(30));
        create(first);
        create(first);
        first.close(false);
        SessionManager second = manager(Duration.ofMinutes(30));
        second.recover();
        String secretOfOne = second.get(1).orElseThrow().secret();
        String secretOfZero = second.get(0).orElseThrow().secret();

        try (DriverChannelServer channel = new DriverChannelServer("127.0.0.1", 0, Duration.ofSeconds(5))) {
            channel.start(second);
            try (Socket impostor = new Socket("127.0.0.1", channel.port())) {
                assertFalse(handshake(impostor, 0, secretOfOne), "session 1's driver cannot claim session 0");
            }
            assertEquals(SessionState.RECOVERING, second.get(0).orElseThrow().state());
            try (Socket own = new Socket("127.0.0.1", channel.port())) {
                assertTrue(handshake(own, 0, secretOfZero));
                assertEquals(new DriverMessage.Resync(List.of()),
                        FrameCodec.read(new DataInputStream(own.getInputStream())));
            }
        }
    }

    /** A driver's side of the handshake; true when the server welcomed it. */
    private static boolean handshake(Socket socket, int sessionId, String secret) throws IOException {
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        String nonce = ChannelAuth.newNonce();
        FrameCodec.write(out, new DriverMessage.Hello(sessionId, nonce));
        DriverMessage.Challenge challenge = (DriverMessage.Challenge) FrameCodec.read(in);
        FrameCodec.write(out, new DriverMessage.Proof(
                ChannelAuth.proof(secret, ChannelAuth.DRIVER_ROLE, challenge.serverNonce())));
        try {
            return FrameCodec.read(in) instanceof DriverMessage.Welcome;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void closingWithRecoveryLeavesTheDriversRunningAndTheStoreIntact() {
        SessionManager manager = manager(Duration.ofMinutes(30));
        InteractiveSession session = create(manager);
        FakeConnectedDriver driver = readyDriver(session);
        Eventually.holds(() -> !launcher.processes().isEmpty());
        List<String> keys = store.keys();

        manager.close();
        driver.disconnect("the server's JVM exits");

        assertEquals(List.of(), driver.sent(), "no shutdown sent");
        assertEquals(0, launcher.processes().get(0).terminations());
        assertTrue(launcher.processes().get(0).isAlive());
        assertEquals(keys, store.keys());
    }

    private SessionManager manager(Duration reconnectTimeout) {
        return manager(reconnectTimeout, 100);
    }

    /** A manager on the shared store and launcher whose sessions keep {@code statements} statements. */
    private SessionManager manager(Duration reconnectTimeout, int statements) {
        SessionManager manager = new SessionManager(new SessionLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), launcher, workDirectory),
                Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000, DriverSettings.DEFAULTS),
                Clock.systemUTC(), new SessionSettings(50, STOP_GRACE, Duration.ofMinutes(10), 5,
                Duration.ofSeconds(1), SessionExpiry.never(),
                new StatementRetention(statements, 1 << 20, new RetainedOutputs(1 << 20))), SessionObserver.NONE, store,
                reconnectTimeout);
        managers.add(manager);
        manager.start();
        return manager;
    }

    private static InteractiveSession create(SessionManager manager) {
        return manager.create(null, null, SessionKind.PYSPARK, SparkResources.named(null), SessionLimits.none());
    }

    private static FakeConnectedDriver readyDriver(InteractiveSession session) {
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(session));
        driver.deliver(new DriverMessage.DriverReady("local-1", null));
        return driver;
    }

    private static StatementOutput ok(int id, String text) {
        return new StatementOutput.Ok(id, JsonNodeFactory.instance.objectNode().put("text/plain", text));
    }

    private JsonNode json(String key) throws IOException {
        return FrameCodec.mapper().readTree(store.get(key).orElseThrow());
    }

    private String text(String key) {
        return new String(store.get(key).orElseThrow(), StandardCharsets.UTF_8);
    }

    private String stateOf(String key) {
        try {
            return json(key).get("state").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
