package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.testing.Eventually;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * What a later manager on the same store brings back: sessions in {@code recovering} with their statements, drivers
 * that reconnect (only their own) and resynchronise, and sessions whose driver does not come back.
 */
class SessionRecoveryTest {
    @TempDir
    Path workDirectory;

    private SessionStoreFixture fixture;

    @BeforeEach
    void createFixture() {
        fixture = new SessionStoreFixture(workDirectory);
    }

    @AfterEach
    void closeManagers() {
        fixture.close();
    }

    @Test
    void aLaterServerRecoversTheSessionsWithTheirStatementsAndIdsAboveThem() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession original = first.create("alice", null, SessionKind.SPARK, SparkResources.named("mine"),
                SessionLimits.none());
        FakeConnectedDriver driver = fixture.readyDriver(original);
        int done = original.submit("val x = 1", CodeKind.SPARK).id();
        int running = original.submit("Thread.sleep(20000)", CodeKind.SPARK).id();
        int waiting = original.submit("x + 1", CodeKind.SPARK).id();
        driver.deliver(new DriverMessage.StatementStarted(done));
        driver.deliver(new DriverMessage.StatementCompleted(done, fixture.ok(done, "x: Int = 1")));
        driver.deliver(new DriverMessage.StatementStarted(running));
        Eventually.holds(() -> fixture.statementState(0, done).equals("available"));
        List<StatementView> before = original.statements();
        first.close(false);

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
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
        assertEquals(1, fixture.create(second).id(), "a new session's id is above every earlier one");
    }

    @Test
    void aReconnectingDriverIsAskedAboutTheActiveStatementsAndItsAnswersApply() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession original = fixture.create(first);
        FakeConnectedDriver driver = fixture.readyDriver(original);
        int finishedMeanwhile = original.submit("slow()", CodeKind.PYSPARK).id();
        int neverReceived = original.submit("lost()", CodeKind.PYSPARK).id();
        first.close(false);

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();
        FakeConnectedDriver reconnected = new FakeConnectedDriver();
        assertTrue(reconnected.connectTo(recovered));

        assertEquals(List.of(new DriverMessage.Resync(List.of(finishedMeanwhile, neverReceived))),
                reconnected.sent());
        reconnected.deliver(new DriverMessage.DriverReady("local-1", null));
        reconnected.deliver(new DriverMessage.StatementCompleted(finishedMeanwhile,
                fixture.ok(finishedMeanwhile, "42")));
        reconnected.deliver(new DriverMessage.StatementUnknown(neverReceived));

        assertEquals(StatementState.AVAILABLE, recovered.statement(finishedMeanwhile).orElseThrow().state());
        assertEquals(new DriverMessage.Execute(neverReceived, CodeKind.PYSPARK, "lost()"), reconnected.sent().get(1));
        assertEquals(SessionState.BUSY, recovered.state());
        reconnected.deliver(new DriverMessage.StatementStarted(neverReceived));
        reconnected.deliver(new DriverMessage.StatementCompleted(neverReceived, fixture.ok(neverReceived, "ok")));
        assertEquals(SessionState.IDLE, recovered.state());
        assertFalse(new FakeConnectedDriver().connectTo(recovered), "a second driver is refused");
        assertTrue(driver.sent().stream().noneMatch(DriverMessage.Shutdown.class::isInstance),
                "the first server left the driver running");
    }

    @Test
    void aRecoveredSessionWhoseDriverDoesNotReconnectInTimeIsDead() throws IOException {
        fixture.create(fixture.manager(Duration.ofMinutes(30)));
        fixture.managers().get(0).close(false);

        SessionManager second = fixture.manager(Duration.ofMillis(200));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();

        Eventually.holds(() -> recovered.state() == SessionState.DEAD);
        assertTrue(recovered.logLines().stream().anyMatch(line -> line.contains("did not reconnect within")
                && line.contains("livy.rsc.server.reconnect-timeout")), recovered.logLines().toString());
        Eventually.holds(() -> fixture.store().keys().equals(List.of("ids/session")));
    }

    @Test
    void aRecoveredSessionWhoseDriverProcessIsGoneIsDeadAtOnce() throws Exception {
        fixture.create(fixture.manager(Duration.ofMinutes(30)));
        fixture.managers().get(0).close(false);
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        ObjectNode stored = (ObjectNode) fixture.json("sessions/0");
        stored.put("driverPid", exited.pid()).put("driverStartedAt", 1_000L);
        fixture.store().put("sessions/0", FrameCodec.mapper().writeValueAsBytes(stored));

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();

        assertEquals(SessionState.DEAD, recovered.state());
        assertTrue(recovered.logLines().contains("livy: the driver process (pid " + exited.pid()
                + ") was gone when the server restarted"), recovered.logLines().toString());
    }

    @Test
    void aCorruptEntryIsSkippedAndTheOthersRecover() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        fixture.create(first);
        fixture.create(first);
        first.close(false);
        fixture.store().put("sessions/1", "{not json".getBytes(StandardCharsets.UTF_8));
        fixture.store().put("sessions/5", "{}".getBytes(StandardCharsets.UTF_8));
        fixture.store().put("ids/session", "2".getBytes(StandardCharsets.UTF_8));

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();

        assertEquals(List.of(0), second.all().stream().map(InteractiveSession::id).toList());
        assertEquals(6, fixture.create(second).id(), "above the unreadable entries' ids too");
    }

    @Test
    void recoveredSessionsHaveTheirOwnSecrets() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        fixture.create(first);
        fixture.create(first);
        first.close(false);

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();

        assertNotEquals(second.get(0).orElseThrow().secret(), second.get(1).orElseThrow().secret());
    }

    @Test
    void aRecoveredSessionTakesOnlyItsOwnDriverOverTheChannel() throws Exception {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        fixture.create(first);
        fixture.create(first);
        first.close(false);
        SessionManager second = fixture.manager(Duration.ofMinutes(30));
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
}
