package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.InvalidFrameException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test plays the server, or a process that pretends to be it, on a loopback port. */
class ServerChannelTest {
    private static final AtomicInteger LAST_HELLO_SESSION = new AtomicInteger(Integer.MIN_VALUE);
    private static final String SECRET = "secret";

    @Test
    void aDriverRefusedBeforeTheChallengeTriesAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Boolean> secondAuthenticated = CompletableFuture.supplyAsync(() -> {
                try {
                    server.accept().close();
                    try (Socket socket = server.accept()) {
                        return authenticateAsServer(socket);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", server.getLocalPort(), SECRET,
                    SessionKind.PYSPARK, DriverSettings.DEFAULTS);

            try (ServerChannel channel = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> ServerChannel.connect(config))) {
                assertTrue(secondAuthenticated.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aDriverWhoseHandshakeTheServerCutAfterItsChallengeTriesAgain() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            CompletableFuture<Boolean> secondAuthenticated = CompletableFuture.supplyAsync(() -> {
                try {
                    try (Socket late = server.accept()) {
                        // As a server whose handshake deadline passed while it waited for the proof: it closes.
                        challengeAsServer(late);
                    }
                    try (Socket socket = server.accept()) {
                        return authenticateAsServer(socket);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", server.getLocalPort(), SECRET,
                    SessionKind.PYSPARK, DriverSettings.DEFAULTS);

            try (ServerChannel channel = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> ServerChannel.connect(config))) {
                assertTrue(secondAuthenticated.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void withAReconnectTimeoutTheDriverReconnectsToARestartedServerAndTellsItSo() throws Exception {
        DriverLaunchConfig config;
        int port;
        BlockingQueue<DriverMessage.ToDriver> received = new LinkedBlockingQueue<>();
        AtomicInteger reconnects = new AtomicInteger();
        try (ServerSocket first = new ServerSocket(0)) {
            port = first.getLocalPort();
            config = new DriverLaunchConfig(3, "127.0.0.1", port, SECRET, SessionKind.PYSPARK,
                    DriverSettings.DEFAULTS.withReconnectTimeout(60_000));
            CompletableFuture<Socket> accepted = acceptAndAuthenticate(first);
            ServerChannel channel = ServerChannel.connect(config);
            channel.onReconnect(reconnects::incrementAndGet);
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> channel.receive(into(received)));
            accepted.get(20, TimeUnit.SECONDS).close();
            first.close();

            try (ServerSocket restarted = new ServerSocket(port)) {
                Socket second = acceptAndAuthenticate(restarted).get(20, TimeUnit.SECONDS);
                FrameCodec.write(new DataOutputStream(second.getOutputStream()), new DriverMessage.Cancel(4));
                assertEquals(new DriverMessage.Cancel(4), received.poll(20, TimeUnit.SECONDS));
                assertEquals(1, reconnects.get());
                FrameCodec.write(new DataOutputStream(second.getOutputStream()), new DriverMessage.Shutdown());
                assertEquals(new DriverMessage.Shutdown(), received.poll(20, TimeUnit.SECONDS));
                channel.close();
                receiving.get(20, TimeUnit.SECONDS);
                second.close();
            }
        }
    }

    @Test
    void aDriverWhoseServerStaysAwayLongerThanTheTimeoutStops() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", server.getLocalPort(), SECRET,
                    SessionKind.PYSPARK, DriverSettings.DEFAULTS.withReconnectTimeout(1_000));
            CompletableFuture<Socket> accepted = acceptAndAuthenticate(server);
            ServerChannel channel = ServerChannel.connect(config);
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(
                    () -> channel.receive(into(new LinkedBlockingQueue<>())));
            server.close();
            accepted.get(20, TimeUnit.SECONDS).close();

            receiving.get(20, TimeUnit.SECONDS);
            channel.close();
        }
    }

    @Test
    void withoutAReconnectTimeoutTheDriverStopsWhenItsServerGoesAway() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", server.getLocalPort(), SECRET,
                    SessionKind.PYSPARK, DriverSettings.DEFAULTS);
            CompletableFuture<Socket> accepted = acceptAndAuthenticate(server);
            ServerChannel channel = ServerChannel.connect(config);
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(
                    () -> channel.receive(into(new LinkedBlockingQueue<>())));
            accepted.get(20, TimeUnit.SECONDS).close();

            receiving.get(5, TimeUnit.SECONDS);
            channel.close();
        }
    }

    @Test
    void aPooledDriverNeverBoundStopsWhenItsServerGoesAwayEvenWithAReconnectTimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            DriverLaunchConfig config = new DriverLaunchConfig(-1, "127.0.0.1", server.getLocalPort(), SECRET,
                    SessionKind.PYSPARK, DriverSettings.DEFAULTS.withReconnectTimeout(60_000));
            CompletableFuture<Socket> accepted = acceptAndAuthenticate(server);
            ServerChannel channel = ServerChannel.connect(config);
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(
                    () -> channel.receive(into(new LinkedBlockingQueue<>())));
            accepted.get(20, TimeUnit.SECONDS).close();

            receiving.get(5, TimeUnit.SECONDS);
            channel.close();
        }
    }

    @Test
    void aBoundPooledDriverReconnectsAsItsSession() throws Exception {
        int port;
        try (ServerSocket first = new ServerSocket(0)) {
            port = first.getLocalPort();
            DriverLaunchConfig config = new DriverLaunchConfig(-1, "127.0.0.1", port, SECRET, SessionKind.PYSPARK,
                    DriverSettings.DEFAULTS.withReconnectTimeout(60_000));
            CompletableFuture<Socket> accepted = acceptAndAuthenticate(first);
            ServerChannel channel = ServerChannel.connect(config);
            assertEquals(-1, LAST_HELLO_SESSION.get());
            channel.bindTo(5);
            BlockingQueue<DriverMessage.ToDriver> received = new LinkedBlockingQueue<>();
            CompletableFuture<Void> receiving = CompletableFuture.runAsync(() -> channel.receive(into(received)));
            accepted.get(20, TimeUnit.SECONDS).close();
            first.close();

            try (ServerSocket restarted = new ServerSocket(port)) {
                Socket second = acceptAndAuthenticate(restarted).get(20, TimeUnit.SECONDS);
                assertEquals(5, LAST_HELLO_SESSION.get(), "the hello after the reconnect names the session");
                FrameCodec.write(new DataOutputStream(second.getOutputStream()), new DriverMessage.Shutdown());
                assertEquals(new DriverMessage.Shutdown(), received.poll(20, TimeUnit.SECONDS));
                channel.close();
                receiving.get(20, TimeUnit.SECONDS);
                second.close();
            }
        }
    }

    private static CompletableFuture<Socket> acceptAndAuthenticate(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                Socket socket = server.accept();
                assertTrue(authenticateAsServer(socket));
                return socket;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A driver's handler that only records what the server sent. */
    private static DriverMessage.ToDriver.Handler into(BlockingQueue<DriverMessage.ToDriver> received) {
        return new DriverMessage.ToDriver.Handler() {
            @Override
            public void execute(DriverMessage.Execute execute) {
                received.add(execute);
            }

            @Override
            public void cancel(DriverMessage.Cancel cancel) {
                received.add(cancel);
            }

            @Override
            public void complete(DriverMessage.Complete complete) {
                received.add(complete);
            }

            @Override
            public void shutdown(DriverMessage.Shutdown shutdown) {
                received.add(shutdown);
            }

            @Override
            public void runJob(DriverMessage.RunJob run) {
                received.add(run);
            }

            @Override
            public void cancelJob(DriverMessage.CancelJob cancel) {
                received.add(cancel);
            }

            @Override
            public void addResource(DriverMessage.AddResource add) {
                received.add(add);
            }

            @Override
            public void resync(DriverMessage.Resync resync) {
                received.add(resync);
            }

            @Override
            public void bind(DriverMessage.Bind bind) {
                received.add(bind);
            }
        };
    }

    /** The server's side of the handshake, as the real server plays it; true when the driver's proof holds. */
    private static boolean authenticateAsServer(Socket socket) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        String serverNonce = challengeAsServer(socket);
        DriverMessage.Proof proof = (DriverMessage.Proof) FrameCodec.read(in);
        boolean proved = ChannelAuth.verify(SECRET, ChannelAuth.DRIVER_ROLE, serverNonce, proof.driverProof());
        FrameCodec.write(out, new DriverMessage.Welcome());
        return proved;
    }

    /** Reads the driver's hello and answers with the server's proof and a challenge; the server's nonce. */
    private static String challengeAsServer(Socket socket) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DriverMessage.Hello hello = (DriverMessage.Hello) FrameCodec.read(in);
        LAST_HELLO_SESSION.set(hello.sessionId());
        String serverNonce = ChannelAuth.newNonce();
        FrameCodec.write(out, new DriverMessage.Challenge(
                ChannelAuth.proof(SECRET, ChannelAuth.SERVER_ROLE, hello.driverNonce()), serverNonce));
        return serverNonce;
    }

    @Test
    void aServerThatAnswersTheHelloWithAHugeFrameIsRefusedAtOnce() throws Exception {
        try (ServerSocket impostor = new ServerSocket(0)) {
            CompletableFuture<Socket> answered = CompletableFuture.supplyAsync(() -> {
                try {
                    Socket socket = impostor.accept();
                    FrameCodec.read(new DataInputStream(socket.getInputStream()));
                    DataOutputStream out = new DataOutputStream(socket.getOutputStream());
                    out.writeInt(64 * 1024 * 1024);
                    out.flush();
                    return socket;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", impostor.getLocalPort(), "secret",
                    SessionKind.PYSPARK, DriverSettings.DEFAULTS);
            try {
                InvalidFrameException refused = assertTimeoutPreemptively(Duration.ofSeconds(10),
                        () -> assertThrows(InvalidFrameException.class, () -> ServerChannel.connect(config)));
                assertEquals("a frame of 67108864 bytes exceeds the limit of 4096 bytes", refused.getMessage());
            } finally {
                answered.get().close();
            }
        }
    }
}
