package dev.livy.server.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.security.FakePasswordCheck;
import dev.livy.server.security.ServerSecurity;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /metrics}: what it counts, and who may read it under each {@code livy.server.metrics.access}. */
class MetricsResourceTest {
    private static final String BATCH = "{\"file\":\"/srv/jobs/etl.py\"}";

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedByEachTest();

    private final FakePasswordCheck passwords = new FakePasswordCheck().with("alice", "wonderland");

    @Test
    void countsSessionsBatchesAndRequestsInPrometheusText() throws Exception {
        server.start();
        server.http().body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201);
        server.http().body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201);
        server.http().body("{\"kind\":\"sql\"}").post("/sessions").then().statusCode(201);
        server.http().body(BATCH).post("/batches").then().statusCode(201);
        server.http().get("/sessions/7").then().statusCode(404);

        String metrics = server.http().get("/metrics").then().statusCode(200)
                .header("Content-Type", startsWith("text/plain; version=0.0.4")).extract().asString();

        assertTrue(metrics.contains("livy_sessions{kind=\"pyspark\",state=\"starting\"} 2.0"), metrics);
        assertTrue(metrics.contains("livy_sessions{kind=\"sql\",state=\"starting\"} 1.0"), metrics);
        assertTrue(metrics.contains("livy_sessions{kind=\"spark\",state=\"idle\"} 0.0"), metrics);
        assertTrue(metrics.contains("livy_batches{state=\"starting\"} 1.0")
                || metrics.contains("livy_batches{state=\"running\"} 1.0"), metrics);
        assertTrue(metrics.contains("livy_statements{state=\"waiting\"} 0.0"), metrics);
        assertTrue(metrics.contains("livy_http_requests_seconds_count{exception=\"None\",method=\"POST\","
                + "outcome=\"SUCCESS\",status=\"201\",uri=\"/sessions\"} 3"), metrics);
        assertTrue(metrics.contains("status=\"404\",uri=\"/sessions/{sessionId}\""), metrics);
        assertTrue(metrics.contains("jvm_memory_used_bytes"), metrics);
    }

    @Test
    void authenticatedMetricsNeedCredentialsLikeEveryEndpoint() throws Exception {
        server.start(Map.of(), InProcessServer.basicAuthentication(passwords));

        server.http().get("/metrics").then().statusCode(401);
        server.http().auth().preemptive().basic("alice", "wonderland").get("/metrics").then().statusCode(200)
                .body(containsString("livy_sessions"));
    }

    @Test
    void publicMetricsAnswerAnyoneWhileTheApiStillAuthenticates() throws Exception {
        server.start(Map.of("livy.server.metrics.access", "public"), InProcessServer.basicAuthentication(passwords));

        server.http().get("/metrics").then().statusCode(200).body(containsString("livy_sessions"))
                .header("X-Content-Type-Options", "nosniff");
        server.http().get("/sessions").then().statusCode(401);
        server.http().post("/metrics").then().statusCode(401);
    }

    @Test
    void metricsOffAreNotFound() throws Exception {
        server.start(Map.of("livy.server.metrics.access", "off"), ServerSecurity.none());

        server.http().get("/metrics").then().statusCode(404).body("msg", equalTo("Not Found"));
    }
}
