package dev.livy.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request to {@code /sessions/{id}...}, by id or by name, keeps a session with a heartbeat timeout alive. */
class SessionHeartbeatTest {
    /** Twice this passes the one-second heartbeat timeout: a request that did not touch would let it lapse. */
    private static final Duration HALF_A_TIMEOUT_AND_MORE = Duration.ofMillis(700);

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();

    @Test
    void everySessionRequestIsAHeartbeatAndTheSessionGoesWhenTheyStop() throws Exception {
        server.http().body("{\"kind\":\"pyspark\",\"name\":\"beating\",\"heartbeatTimeoutInSecond\":1}")
                .post("/sessions").then().statusCode(201);
        List<IntSupplier> requests = List.of(
                () -> server.http().get("/sessions/0").statusCode(),
                () -> server.http().get("/sessions/beating/state").statusCode(),
                () -> server.http().get("/sessions/0/log").statusCode(),
                () -> server.http().body("{\"code\":\"1\"}").post("/sessions/beating/statements").statusCode(),
                () -> server.http().get("/sessions/0/statements").statusCode(),
                () -> server.http().get("/sessions/beating/statements/0").statusCode(),
                () -> server.http().body("{\"code\":\"sp\"}").post("/sessions/0/completion").statusCode(),
                () -> server.http().post("/sessions/beating/statements/0/cancel").statusCode());

        // Each request alone keeps it: the clock passes the timeout around every request, never between two.
        for (IntSupplier request : requests) {
            server.clock().advance(HALF_A_TIMEOUT_AND_MORE);
            assertEquals(2, request.getAsInt() / 100, "every request answers 2xx while the session lives");
            server.clock().advance(HALF_A_TIMEOUT_AND_MORE);
            server.sessions().stopExpiredSessions();
            assertEquals("starting", server.http().get("/sessions/0/state").jsonPath().getString("state"));
        }

        server.clock().advance(Duration.ofSeconds(2));
        server.sessions().stopExpiredSessions();
        assertNotEquals("starting", server.http().get("/sessions").jsonPath()
                .getString("sessions.find { it.id == 0 }.state"), "without requests the session goes");
    }
}
