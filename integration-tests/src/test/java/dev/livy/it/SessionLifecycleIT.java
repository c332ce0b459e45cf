package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server cleans up after its users and refuses what it cannot do, against real drivers: a burst of creates
 * beyond livy.server.session.max-creation, heartbeat expiry, and the idle timeout. Short timeouts throughout.
 */
class SessionLifecycleIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);

    private static LivyServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LivyServerProcess.start(Map.of("livy.server.session.max-creation", "2",
                "livy.server.session.check-interval", "250ms"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Two sessions start; 98 creates are refused with 429; both sessions then go when their heartbeat stops. The
     * heartbeat (20 s) leaves room for the burst itself on a 2-core machine at a load average of 50.
     */
    @Test
    void aBurstOfCreatesBeyondMaxCreationIsRefusedAndUnheartedSessionsGo() throws Exception {
        String body = "{\"kind\":\"pyspark\",\"heartbeatTimeoutInSecond\":20,"
                + "\"conf\":{\"spark.ui.enabled\":\"false\"}}";
        List<Callable<Integer>> creates = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            creates.add(() -> server.http().body(body).post("/sessions").statusCode());
        }
        ExecutorService clients = Executors.newFixedThreadPool(20);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> status : clients.invokeAll(creates)) {
                statuses.add(status.get());
            }
        } finally {
            clients.shutdownNow();
        }

        assertEquals(2, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
        assertEquals(98, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
        server.http().body(body).post("/sessions").then().statusCode(429);
        List<Integer> ids = server.http().get("/sessions").jsonPath().getList("sessions.id", Integer.class);
        assertEquals(2, ids.size(), ids.toString());
        // Polling a session's state is a request that touches it: its heartbeat. Both are polled all along.
        await("both sessions to become idle", SESSION_START, () -> {
            boolean allIdle = true;
            for (int id : ids) {
                var state = server.http().get("/sessions/" + id + "/state");
                assertEquals(200, state.statusCode(), "session " + id + " is heartbeated, so it stays");
                allIdle &= "idle".equals(state.jsonPath().getString("state"));
            }
            return allIdle;
        });

        long untouchedSince = System.nanoTime();
        // GET /sessions does not count as a heartbeat.
        await("both sessions to be stopped and gone", Duration.ofSeconds(60),
                () -> server.http().get("/sessions").jsonPath().getInt("total") == 0);
        Duration gone = Duration.ofNanos(System.nanoTime() - untouchedSince);
        assertTrue(gone.compareTo(Duration.ofSeconds(19)) > 0 && gone.compareTo(Duration.ofSeconds(45)) < 0,
                "went " + gone.toMillis() + " ms after the last touch, for a 20 s heartbeat");
    }

    /** Reading a session is not work: it is stopped its idleTimeout after its last statement. */
    @Test
    void anIdleSessionIsStoppedAfterItsIdleTimeoutEvenWhileRead() throws Exception {
        int id = server.http().body("{\"kind\":\"pyspark\",\"idleTimeout\":\"5s\","
                + "\"conf\":{\"spark.ui.enabled\":\"false\"}}").post("/sessions").then().statusCode(201)
                .extract().jsonPath().getInt("id");
        await("session " + id + " to become idle", SESSION_START, () -> "idle".equals(
                server.http().get("/sessions/" + id + "/state").jsonPath().getString("state")));
        int statement = server.http().body(Map.of("code", "21 * 2")).post("/sessions/" + id + "/statements")
                .then().statusCode(201).extract().jsonPath().getInt("id");
        await("the statement", Duration.ofMinutes(1), () -> "available".equals(server.http()
                .get("/sessions/" + id + "/statements/" + statement).jsonPath().getString("state")));
        long lastWork = System.nanoTime();

        await("the idle session to be stopped and gone", Duration.ofSeconds(30),
                () -> server.http().get("/sessions/" + id + "/state").statusCode() == 404);
        Duration gone = Duration.ofNanos(System.nanoTime() - lastWork);
        assertTrue(gone.compareTo(Duration.ofSeconds(4)) > 0 && gone.compareTo(Duration.ofSeconds(20)) < 0,
                "went " + gone.toMillis() + " ms after its last statement, for a 5 s idle timeout");
    }
}
