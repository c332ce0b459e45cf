package dev.livy.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients that send their request bodies a byte at a time must not keep anyone else from being answered. */
class SlowRequestBodiesTest {
    private static final int SLOW_CLIENTS = 200;
    private static final String HEAD = "POST /sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            + "Content-Length: 100\r\n\r\n";

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();

    @Test
    void twoHundredTricklingBodiesLeaveTheApiAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            for (int client = 0; client < SLOW_CLIENTS; client++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                socket.getOutputStream().write((HEAD + " ").getBytes(StandardCharsets.US_ASCII));
                slow.add(socket);
            }
            trickle.scheduleWithFixedDelay(() -> slow.forEach(SlowRequestBodiesTest::sendOneByte), 1, 1,
                    TimeUnit.SECONDS);
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest version = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/version")).timeout(Duration.ofSeconds(5)).build();

            for (int request = 0; request < 3; request++) {
                long started = System.nanoTime();
                HttpResponse<String> answer = client.send(version, HttpResponse.BodyHandlers.ofString());
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

                assertEquals(200, answer.statusCode(), answer.body());
                // Answered at once on an idle machine; generous for a loaded two-core one.
                assertTrue(millis < 3000, "GET /version took " + millis + " ms");
                Thread.sleep(1000); // let the slow bodies advance: what matters is that they never block others
            }
        } finally {
            trickle.shutdownNow();
            trickle.awaitTermination(5, TimeUnit.SECONDS);
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    private static void sendOneByte(Socket socket) {
        try {
            socket.getOutputStream().write(' ');
        } catch (IOException e) {
            // The server may close a connection; the others keep trickling.
        }
    }
}
