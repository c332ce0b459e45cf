package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.InvalidFrameException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The test plays a server that is not ours: it answers the driver's hello with a huge frame. */
class ServerChannelTest {
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
                    SessionKind.PYSPARK, Map.of());
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
