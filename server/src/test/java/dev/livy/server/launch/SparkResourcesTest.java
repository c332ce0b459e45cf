package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.api.CreateBatchRequest;
import dev.livy.common.api.CreateSessionRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkResourcesTest {
    private static final SparkResources EVERYTHING = new SparkResources("etl", "alice", List.of("a.jar"),
            List.of("m.py"), List.of("f.txt"), List.of("env.zip#env"), "1g", 2, "512m", 3, 4, "queue-a",
            Map.of("spark.x", "1"));

    @Test
    void aSessionRequestAsksForEveryResourceItNames() {
        CreateSessionRequest request = new CreateSessionRequest("pyspark", "bob", List.of("a.jar"), List.of("m.py"),
                List.of("f.txt"), "1g", 2, "512m", 3, 4, List.of("env.zip#env"), "queue-a", "etl",
                Map.of("spark.x", "1"), 30, "1h", "10m");

        assertEquals(EVERYTHING, SparkResources.from(request, "alice"),
                "the proxy user is the one impersonation decided, not the request's");
    }

    @Test
    void aBatchRequestAsksForEveryResourceItNames() {
        CreateBatchRequest request = new CreateBatchRequest("job.py", "bob", "dev.Main", List.of("x"),
                List.of("a.jar"), List.of("m.py"), List.of("f.txt"), "1g", 2, "512m", 3, 4, List.of("env.zip#env"),
                "queue-a", "etl", Map.of("spark.x", "1"));

        assertEquals(EVERYTHING, SparkResources.from(request, "alice"));
    }

    @Test
    void anotherNameKeepsEverythingElse() {
        SparkResources renamed = EVERYTHING.withName("livy-session-3");

        assertEquals("livy-session-3", renamed.name());
        assertEquals(EVERYTHING, renamed.withName("etl"));
    }

    @Test
    void namedAsksForNothingButItsName() {
        assertEquals(new SparkResources("livy-class-archive", null, List.of(), List.of(), List.of(), List.of(), null,
                null, null, null, null, null, Map.of()), SparkResources.named("livy-class-archive"));
    }
}
