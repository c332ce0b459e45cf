package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Peers that connect to the driver channel's port without the session secret and announce big frames cost the
 * packaged server (512 MiB heap) nothing a live session or the REST API would notice.
 */
class DriverChannelFloodIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final int FOUR_MIB = 4 * 1024 * 1024;
    private static final int PEERS_AT_ONCE = 160;
    private static final int MAX_PEERS = 3_000;
    private static final Duration MAX_FLOOD = Duration.ofMinutes(2);

    @Test
    void aFloodOfUnauthenticatedBigFramesLeavesTheSessionAndTheApiUnaffected() throws Exception {
        int channelPort = freePort();
        try (LivyServerProcess server = LivyServerProcess.start(
                Map.of("livy.rsc.launcher.port", Integer.toString(channelPort)))) {
            int id = server.http().body("{\"kind\":\"pyspark\",\"driverMemory\":\"512m\","
                    + "\"conf\":{\"spark.ui.enabled\":\"false\"}}").post("/sessions").then().statusCode(201)
                    .extract().jsonPath().getInt("id");
            LivyServerProcess.awaitIdle(server::http, id, SESSION_START);

            AtomicBoolean stop = new AtomicBoolean();
            CompletableFuture<Integer> flood = CompletableFuture.supplyAsync(() -> flood(channelPort, stop));
            try {
                int statement = server.http().body(Map.of("code", "'x' * 4_000_000"))
                        .post("/sessions/" + id + "/statements").then().statusCode(201)
                        .extract().jsonPath().getInt("id");
                await("the 4 MB result", Duration.ofMinutes(2), () -> {
                    server.http().get("/version").then().statusCode(200);
                    String state = server.http().get("/sessions/" + id + "/state").jsonPath().getString("state");
                    assertTrue(state.equals("idle") || state.equals("busy"), "the session is " + state);
                    return "available".equals(server.http().get("/sessions/" + id + "/statements/" + statement)
                            .jsonPath().getString("state"));
                });
                JsonPath result = server.http().get("/sessions/" + id + "/statements/" + statement).jsonPath();
                assertEquals("ok", result.getString("output.status"));
                assertEquals("'" + "x".repeat(4_000_000) + "'", result.getString("output.data.'text/plain'"));
            } finally {
                stop.set(true);
            }
            int peers = flood.get(1, TimeUnit.MINUTES);
            assertTrue(peers >= PEERS_AT_ONCE, "the flood reached the channel " + peers + " times");

            server.http().get("/version").then().statusCode(200);
            server.http().get("/sessions/" + id + "/state").then().statusCode(200);
            assertEquals("idle", server.http().get("/sessions/" + id + "/state").jsonPath().getString("state"));
            String log = server.http().get("/sessions/" + id + "/log?size=-1").asString();
            assertFalse(log.contains("livy: "), log);
            assertFalse(server.serverLog().contains("OutOfMemoryError"), "the server ran out of memory");
        }
    }

    /**
     * Opens unauthenticated connections in waves until told to stop (bounded in count and time), each announcing a
     * 4 MiB frame and then sending what the server accepts of its body; returns how many connected.
     */
    private static int flood(int port, AtomicBoolean stop) {
        long end = System.nanoTime() + MAX_FLOOD.toNanos();
        byte[] announcement = ByteBuffer.allocate(4).putInt(FOUR_MIB).array();
        byte[] chunk = new byte[64 * 1024];
        int connected = 0;
        while (!stop.get() && connected < MAX_PEERS && System.nanoTime() < end) {
            List<Socket> wave = new ArrayList<>();
            try {
                for (int i = 0; i < PEERS_AT_ONCE; i++) {
                    Socket socket = new Socket("127.0.0.1", port);
                    wave.add(socket);
                    connected++;
                    sendUntilRefused(socket, announcement, chunk);
                }
            } catch (IOException e) {
                // Beyond the server's limit of handshakes in flight a connection may be refused; the next wave retries.
            } finally {
                wave.forEach(DriverChannelFloodIT::closeQuietly);
            }
        }
        return connected;
    }

    private static void sendUntilRefused(Socket socket, byte[] announcement, byte[] chunk) {
        try {
            OutputStream out = socket.getOutputStream();
            out.write(announcement);
            for (int sent = 0; sent < 4 * chunk.length; sent += chunk.length) {
                out.write(chunk);
            }
        } catch (IOException refused) {
            // The server closed the connection: what a refused peer sees.
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
