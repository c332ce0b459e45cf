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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The test plays the server, or a process that pretends to be it, on a loopback port. */
class ServerChannelTest {
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

    /** The server's side of the handshake, as the real server plays it; true when the driver's proof holds. */
    private static boolean authenticateAsServer(Socket socket) throws Exception {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        DataOutputStream out = new DataOutputStream(socket.getOutputStream());
        DriverMessage.Hello hello = (DriverMessage.Hello) FrameCodec.read(in);
        String serverNonce = ChannelAuth.newNonce();
        FrameCodec.write(out, new DriverMessage.Challenge(
                ChannelAuth.proof(SECRET, ChannelAuth.SERVER_ROLE, hello.driverNonce()), serverNonce));
        DriverMessage.Proof proof = (DriverMessage.Proof) FrameCodec.read(in);
        boolean proved = ChannelAuth.verify(SECRET, ChannelAuth.DRIVER_ROLE, serverNonce, proof.driverProof());
        FrameCodec.write(out, new DriverMessage.Welcome());
        return proved;
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
