package dev.livy.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.livy.common.protocol.StatementOutput;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
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

    private static final int FOUR_MIB = 4 * 1024 * 1024;

    private final BlockingQueue<DriverMessage> received = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> disconnects = new LinkedBlockingQueue<>();
    private final List<ConnectedDriver> attached = new CopyOnWriteArrayList<>();
    private DriverChannelServer server;
    private volatile Error failure;
    private volatile long handlingMillis;

    @BeforeEach
    void startServer() throws IOException {
        server = new DriverChannelServer("127.0.0.1", 0, Duration.ofSeconds(5));
        server.start(sessionId -> sessionId != 7 ? Optional.empty() : Optional.of(new PendingSeven()));
    }

    @AfterEach
    void stopServer() throws IOException {
        attached.forEach(ConnectedDriver::close);
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

    @Test
    void aFloodOfUnauthenticatedBigFramesCostsNeitherMemoryNorThreadsAndSparesTheLiveDriver() throws Exception {
        try (Socket driver = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(driver.getOutputStream());
            DataInputStream in = new DataInputStream(driver.getInputStream());
            authenticate(in, out);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long heapBefore = usedHeapAfterGc();
            int threadsBefore = threads.getThreadCount();
            threads.resetPeakThreadCount();

            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 200; i++) {
                    Socket attacker = new Socket("127.0.0.1", server.port());
                    flood.add(attacker);
                    attacker.getOutputStream().write(ByteBuffer.allocate(4).putInt(FOUR_MIB).array());
                }
                String result = "r".repeat(FOUR_MIB);
                FrameCodec.write(out, new DriverMessage.StatementCompleted(3,
                        new StatementOutput.Ok(3, JsonNodeFactory.instance.objectNode().put("text/plain", result))));
                DriverMessage.StatementCompleted completed = assertInstanceOf(
                        DriverMessage.StatementCompleted.class, received.poll(10, TimeUnit.SECONDS));
                StatementOutput.Ok output = assertInstanceOf(StatementOutput.Ok.class, completed.output());
                assertEquals(result, output.data().tree().get("text/plain").asText());
                attached.get(0).send(new DriverMessage.Cancel(3));
                assertEquals(new DriverMessage.Cancel(3), FrameCodec.read(in));

                long heapGrowth = usedHeapAfterGc() - heapBefore;
                assertTrue(heapGrowth < 64L * 1024 * 1024, "the flood holds " + heapGrowth + " bytes of heap");
                int extraThreads = threads.getPeakThreadCount() - threadsBefore;
                assertTrue(extraThreads <= 2, "the flood started " + extraThreads + " threads");
                for (Socket attacker : flood) {
                    assertClosedByServer(attacker, Duration.ofSeconds(2));
                }
            } finally {
                for (Socket attacker : flood) {
                    attacker.close();
                }
            }
            assertTrue(disconnects.isEmpty(), "the live driver stays connected: " + disconnects);
        }
    }

    @Test
    void handshakesBeyondTheCapAreRefusedAndEveryHandshakeEndsAtItsDeadline() throws Exception {
        Duration deadline = Duration.ofSeconds(2);
        try (DriverChannelServer capped = new DriverChannelServer("127.0.0.1", 0, deadline, 4)) {
            capped.start(sessionId -> Optional.of(new PendingSeven()));
            List<Socket> peers = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    peers.add(new Socket("127.0.0.1", capped.port()));
                }
                Socket trickler = new Socket("127.0.0.1", capped.port());
                peers.add(trickler);
                Socket beyondTheCap = new Socket("127.0.0.1", capped.port());
                peers.add(beyondTheCap);
                long started = System.nanoTime();

                // Bounds loose enough for a loaded machine, tight enough to tell a deadline from none.
                assertClosedByServer(beyondTheCap, Duration.ofSeconds(3));
                assertFalse(trickleUntilClosed(trickler, Duration.ofSeconds(10)),
                        "a peer that sends a byte now and then is still cut off at the deadline");
                for (Socket silent : peers.subList(0, 3)) {
                    assertClosedByServer(silent, Duration.ofSeconds(5));
                }
                long elapsed = System.nanoTime() - started;
                assertTrue(elapsed < deadline.plusSeconds(5).toNanos(), "handshakes lasted " + elapsed + " ns");
            } finally {
                for (Socket peer : peers) {
                    peer.close();
                }
            }
            try (Socket driver = new Socket("127.0.0.1", capped.port())) {
                authenticate(new DataInputStream(driver.getInputStream()),
                        new DataOutputStream(driver.getOutputStream()));
            }
        }
    }

    /** Sends a hello one byte every 100 ms; false once the server has closed the connection. */
    private static boolean trickleUntilClosed(Socket socket, Duration atMost) throws Exception {
        ByteArrayOutputStream hello = new ByteArrayOutputStream();
        FrameCodec.write(new DataOutputStream(hello), new DriverMessage.Hello(7, ChannelAuth.newNonce()));
        byte[] bytes = hello.toByteArray();
        long end = System.nanoTime() + atMost.toNanos();
        for (int i = 0; i < bytes.length - 1 && System.nanoTime() < end; i++) {
            try {
                socket.getOutputStream().write(bytes[i]);
            } catch (SocketException closed) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    @Test
    void connectedDriversCostNoThreadOfTheirOwn() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        int threadsBefore = threads.getThreadCount();
        List<Socket> drivers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Socket driver = new Socket("127.0.0.1", server.port());
                drivers.add(driver);
                DataOutputStream out = new DataOutputStream(driver.getOutputStream());
                DataInputStream in = new DataInputStream(driver.getInputStream());
                authenticate(in, out);
                FrameCodec.write(out, new DriverMessage.StatementStarted(i));
                assertEquals(new DriverMessage.StatementStarted(i), received.poll(5, TimeUnit.SECONDS));
                attached.get(i).send(new DriverMessage.Cancel(i));
                assertEquals(new DriverMessage.Cancel(i), FrameCodec.read(in));
            }

            int extraThreads = threads.getThreadCount() - threadsBefore;
            assertTrue(extraThreads <= 2, "10 connected drivers hold " + extraThreads + " threads");
        } finally {
            for (Socket driver : drivers) {
                driver.close();
            }
        }
    }

    @Test
    void whatADriverSendsReachesASlowSessionWholeAndInOrderBeforeItsDisconnect() throws Exception {
        handlingMillis = 1;
        int messages = 3 * DriverConnection.PAUSE_READING_AT;
        try (Socket driver = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(driver.getOutputStream());
            authenticate(new DataInputStream(driver.getInputStream()), out);
            for (int i = 0; i < messages; i++) {
                FrameCodec.write(out, new DriverMessage.StatementStarted(i));
            }
        }

        for (int i = 0; i < messages; i++) {
            assertEquals(new DriverMessage.StatementStarted(i), received.poll(5, TimeUnit.SECONDS));
        }
        assertEquals("driver closed the connection", disconnects.poll(5, TimeUnit.SECONDS));
        assertTrue(received.isEmpty());
    }

    @Test
    void aReaderThatDiesInTheServerSaysSoInsteadOfBlamingTheDriver() throws Exception {
        failure = new OutOfMemoryError("Java heap space");
        try (Socket driver = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(driver.getOutputStream());
            DataInputStream in = new DataInputStream(driver.getInputStream());
            authenticate(in, out);

            FrameCodec.write(out, new DriverMessage.StatementStarted(1));

            assertEquals("the server failed handling a driver message (StatementStarted): "
                    + "java.lang.OutOfMemoryError: Java heap space", disconnects.poll(5, TimeUnit.SECONDS));
            assertThrows(IOException.class, () -> FrameCodec.read(in), "the server closes the connection");
        }
    }

    @Test
    void aDriverThatSendsGarbageIsToldApartFromAServerFailure() throws Exception {
        try (Socket driver = new Socket("127.0.0.1", server.port())) {
            DataOutputStream out = new DataOutputStream(driver.getOutputStream());
            authenticate(new DataInputStream(driver.getInputStream()), out);

            out.writeInt(FrameCodec.MAX_FRAME_BYTES + 1);
            out.flush();

            assertEquals("the driver sent an invalid message: a frame of " + (FrameCodec.MAX_FRAME_BYTES + 1)
                    + " bytes exceeds the limit of " + FrameCodec.MAX_FRAME_BYTES + " bytes",
                    disconnects.poll(5, TimeUnit.SECONDS));
        }
    }

    private void authenticate(DataInputStream in, DataOutputStream out) throws IOException {
        String driverNonce = ChannelAuth.newNonce();
        FrameCodec.write(out, new DriverMessage.Hello(7, driverNonce));
        DriverMessage.Challenge challenge = assertInstanceOf(DriverMessage.Challenge.class, FrameCodec.read(in));
        FrameCodec.write(out, new DriverMessage.Proof(
                ChannelAuth.proof(SECRET, ChannelAuth.DRIVER_ROLE, challenge.serverNonce())));
        assertInstanceOf(DriverMessage.Welcome.class, FrameCodec.read(in));
    }

    /** The server closed the connection within the time: end of stream, or a reset. */
    private static void assertClosedByServer(Socket socket, Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        InputStream in = socket.getInputStream();
        try {
            assertEquals(-1, in.read(), "the server sent bytes to an unauthenticated peer");
        } catch (SocketException reset) {
            // Closing with unread bytes in its buffer makes the server's end reset the connection.
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private final class PendingSeven implements DriverChannelServer.PendingDriver, ConnectedDriver.Listener {
        @Override
        public String secret() {
            return SECRET;
        }

        @Override
        public Optional<ConnectedDriver.Listener> attach(ConnectedDriver connection) {
            attached.add(connection);
            return Optional.of(this);
        }

        @Override
        public void onMessage(DriverMessage.FromDriver message) {
            if (failure != null) {
                throw failure;
            }
            if (handlingMillis > 0) {
                try {
                    Thread.sleep(handlingMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(message);
        }

        @Override
        public void onDisconnect(String reason) {
            disconnects.add(reason);
        }
    }
}
