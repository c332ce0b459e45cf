package dev.livy.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Session and batch names are unique even under concurrent creates, and free again the moment DELETE answers. */
class UniqueNamesResourceTest {
    private static final int CLIENTS = 16;
    private static final String BATCH = "{\"file\":\"/srv/jobs/etl.py\",\"name\":\"nightly\"}";
    private static final String SESSION = "{\"kind\":\"pyspark\",\"name\":\"etl\"}";

    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();

    @Test
    void concurrentCreatesOfOneSessionNameGiveExactlyOne201() throws Exception {
        List<Integer> codes = concurrently(() -> server.http().body(SESSION).post("/sessions").statusCode());

        assertEquals(1, codes.stream().filter(code -> code == 201).count(), codes.toString());
        assertEquals(CLIENTS - 1, codes.stream().filter(code -> code == 400).count(), codes.toString());
        server.http().get("/sessions").then().body("total", equalTo(1));
        server.http().body(SESSION).post("/sessions").then().statusCode(400)
                .body("msg", equalTo("Session name 'etl' is not available."));
    }

    @Test
    void concurrentCreatesOfOneBatchNameGiveExactlyOne201() throws Exception {
        List<Integer> codes = concurrently(() -> server.http().body(BATCH).post("/batches").statusCode());

        assertEquals(1, codes.stream().filter(code -> code == 201).count(), codes.toString());
        server.http().get("/batches").then().body("total", equalTo(1));
        server.http().body(BATCH).post("/batches").then().statusCode(400)
                .body("msg", equalTo("Batch name 'nightly' is not available."));
    }

    @Test
    void aDeletedSessionsNameIsFreeAtOnce() {
        int first = server.http().body(SESSION).post("/sessions").then().statusCode(201).extract().path("id");
        server.http().delete("/sessions/" + first).then().statusCode(200);

        Response again = server.http().body(SESSION).post("/sessions");

        again.then().statusCode(201).body("name", equalTo("etl"));
        server.http().get("/sessions/etl").then().statusCode(200).body("id", equalTo(again.path("id")));
    }

    @Test
    void aDeletedBatchsNameIsFreeAtOnce() {
        int first = server.http().body(BATCH).post("/batches").then().statusCode(201).extract().path("id");
        server.http().delete("/batches/" + first).then().statusCode(200);

        server.http().body(BATCH).post("/batches").then().statusCode(201).body("name", equalTo("nightly"));
    }

    private static List<Integer> concurrently(Callable<Integer> request) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                answers.add(clients.submit(() -> {
                    go.await();
                    return request.call();
                }));
            }
            go.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                codes.add(answer.get(30, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            clients.shutdownNow();
        }
    }
}
