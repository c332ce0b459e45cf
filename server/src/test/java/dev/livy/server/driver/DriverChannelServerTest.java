package dev.livy.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test plays a driver against a real listener on a loopback port. */
class DriverChannelServerTest {
    private static final String SECRET = "s3cret-of-session-7";

    private final BlockingQueue<DriverMessage> received = new LinkedBlockingQueue<>();
    private final List<DriverConnection> attached = new CopyOnWriteArrayList<>();
    private DriverChannelServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = new DriverChannelServer("127.0.0.1", 0, Duration.ofSeconds(5));
        server.start(sessionId -> sessionId != 7 ? Optional.empty() : Optional.of(new PendingSeven()));
    }

    @AfterEach
    void stopServer() throws IOException {
        attached.forEach(DriverConnection::close);
        server.close();
    }

    @Test
    void aPortInUseStopsTheStartNamingAddressAndPort() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> new DriverChannelServer("127.0.0.1", server.port(), Duration.ofSeconds(5)));

        assertEquals("Cannot listen for drivers on 127.0.0.1:" + server.port()
                + " (livy.rsc.launcher.address, livy.rsc.launcher.port): Address already in use", error.getMessage());
    }

    @Test
    void driverWithTheSecretIsConnectedBothWays() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String driverNonce = ChannelAuth.newNonce();
            FrameCodec.write(out, new DriverMessage.Hello(7, driverNonce));
            DriverMessage.Challenge challenge = assertInstanceOf(DriverMessage.Challenge.class, FrameCodec.read(in));
            assertTrue(ChannelAuth.verify(SECRET, ChannelAuth.SERVER_ROLE, driverNonce, challenge.serverProof()),
                    "the server proves it knows the secret");
            FrameCodec.write(out, new DriverMessage.Proof(
                    ChannelAuth.proof(SECRET, ChannelAuth.DRIVER_ROLE, challenge.serverNonce())));
            assertInstanceOf(DriverMessage.Welcome.class, FrameCodec.read(in));

            FrameCodec.write(out, new DriverMessage.StatementStarted(3));
            assertEquals(new DriverMessage.StatementStarted(3), received.poll(5, TimeUnit.SECONDS));
            attached.get(0).send(new DriverMessage.Cancel(3));
            assertEquals(new DriverMessage.Cancel(3), FrameCodec.read(in));
        }
    }

    @Test
    void driverWithAWrongSecretIsDisconnected() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            FrameCodec.write(out, new DriverMessage.Hello(7, ChannelAuth.newNonce()));
            DriverMessage.Challenge challenge = assertInstanceOf(DriverMessage.Challenge.class, FrameCodec.read(in));
            FrameCodec.write(out, new DriverMessage.Proof(
                    ChannelAuth.proof("guessed", ChannelAuth.DRIVER_ROLE, challenge.serverNonce())));

            assertThrows(IOException.class, () -> FrameCodec.read(in));
            assertTrue(attached.isEmpty());
        }
    }

    @Test
    void replayedServerProofDoesNotAuthenticateADriver() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            DataInputStream in = new DataInputStream(socket.getInputStream());
            FrameCodec.write(out, new DriverMessage.Hello(7, "nonce-chosen-by-attacker"));
            DriverMessage.Challenge challenge = assertInstanceOf(DriverMessage.Challenge.class, FrameCodec.read(in));
            // Echo the server's own proof back: the role prefix makes it worthless as a driver proof.
            FrameCodec.write(out, new DriverMessage.Proof(challenge.serverProof()));

            assertThrows(IOException.class, () -> FrameCodec.read(in));
            assertTrue(attached.isEmpty());
        }
    }

    @Test
    void connectionForAnUnknownSessionIsClosed() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            FrameCodec.write(new DataOutputStream(socket.getOutputStream()),
                    new DriverMessage.Hello(99, ChannelAuth.newNonce()));

            assertThrows(IOException.class, () -> FrameCodec.read(new DataInputStream(socket.getInputStream())));
        }
    }

    private final class PendingSeven implements DriverChannelServer.PendingDriver, DriverConnection.Listener {
        @Override
        public String secret() {
            return SECRET;
        }

        @Override
        public Optional<DriverConnection.Listener> attach(DriverConnection connection) {
            attached.add(connection);
            return Optional.of(this);
        }

        @Override
        public void onMessage(DriverMessage message) {
            received.add(message);
        }

        @Override
        public void onDisconnect(String reason) {
        }
    }
}
