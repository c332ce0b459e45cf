package dev.livy.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.testing.Eventually;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every request to {@code /sessions/{id}...}, by id or by name, keeps a session with a heartbeat timeout alive. */
class SessionHeartbeatTest {
    /** Well under the one-second heartbeat timeout, so that only a request that does not touch lets it lapse. */
    private static final long PAUSE_MILLIS = 250;

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

        // Each request alone keeps it: the session outlives three timeouts and check intervals of requests.
        for (int round = 0; round < 2; round++) {
            for (IntSupplier request : requests) {
                assertEquals(2, request.getAsInt() / 100, "every request answers 2xx while the session lives");
                Thread.sleep(PAUSE_MILLIS);
            }
        }
        assertEquals("starting", server.http().get("/sessions/0/state").jsonPath().getString("state"));

        Eventually.holds(() -> !"starting".equals(server.http().get("/sessions").jsonPath()
                .getString("sessions.find { it.id == 0 }.state")));
    }
}
