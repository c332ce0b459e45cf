package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The warm pool against real drivers, on one packaged server holding one pooled pyspark driver: a session that asks
 * for nothing takes it and works like any other, one with resources of its own starts cold, a pooled driver killed
 * from outside is replaced, and stopping the server leaves no driver process. The tests run in order: each pooled
 * driver (livy-pool-N, N counting up) is the one the test before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WarmPoolIT {
    private static final Duration POOLED_DRIVER_START = Duration.ofMinutes(3);
    private static final Duration POOLED_SESSION_IDLE = Duration.ofSeconds(30);
    private static final Duration STATEMENT = Duration.ofMinutes(2);

    private static LivyServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LivyServerProcess.start(Map.of("livy.server.session.pool.size", "1",
                "livy.server.session.pool.kinds", "pyspark", "livy.server.session.pool.refill-delay", "0s"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aSessionAskingForNothingTakesThePooledDriverAndWorksLikeAnyOther() throws Exception {
        awaitPooledDriverReady(1);

        JsonPath created = server.http().body(Map.of("kind", "pyspark", "name", "from-the-pool"))
                .post("/sessions").then().statusCode(201).extract().jsonPath();
        int id = created.getInt("id");
        assertEquals("starting", created.getString("state"));
        LivyServerProcess.awaitIdle(server::http, id, POOLED_SESSION_IDLE);
        JsonPath view = server.http().get("/sessions/" + id).jsonPath();
        assertEquals("true", view.getString("appInfo.pooled"), view.prettify());
        assertEquals("from-the-pool", view.getString("name"));
        assertTrue(view.getString("appId").startsWith("local-"), view.prettify());

        assertEquals("2", run(id, "1 + 1"));
        run(id, "spark.range(3).createOrReplaceTempView('three')");
        assertEquals("3", run(id, "spark.sql('SELECT count(*) FROM three').collect()[0][0]"));

        long pid = DriverProcesses.driver("livy-pool-1").orElseThrow().pid();
        server.http().delete("/sessions/" + id).then().statusCode(200);
        await("the pooled session's driver to exit", Duration.ofSeconds(30), () -> !DriverProcesses.isRunning(pid));
    }

    @Test
    @Order(2)
    void aSessionWithResourcesOfItsOwnStartsCold() throws Exception {
        awaitPooledDriverReady(2);

        JsonPath created = server.http().body(Map.of("kind", "pyspark", "executorMemory", "1g",
                "conf", Map.of("spark.ui.enabled", "false"))).post("/sessions").then().statusCode(201)
                .extract().jsonPath();
        int id = created.getInt("id");

        assertFalse(created.getMap("appInfo").containsKey("pooled"), created.prettify());
        LivyServerProcess.awaitIdle(server::http, id, POOLED_DRIVER_START);
        assertTrue(DriverProcesses.driver("livy-session-" + id).isPresent(), "a driver of its own");
        assertTrue(DriverProcesses.driver("livy-pool-2").isPresent(), "the pooled driver is left in the pool");
        assertEquals("2", run(id, "1 + 1"));
        server.http().delete("/sessions/" + id).then().statusCode(200);
    }

    @Test
    @Order(3)
    void aPooledDriverKilledFromOutsideIsReplacedAndNeverHandedOut() throws Exception {
        ProcessHandle pooled = DriverProcesses.driver("livy-pool-2").orElseThrow();

        pooled.destroyForcibly();
        pooled.onExit().get(30, TimeUnit.SECONDS);

        awaitPooledDriverReady(3);
        int id = server.http().body(Map.of("kind", "pyspark")).post("/sessions").then().statusCode(201)
                .extract().jsonPath().getInt("id");
        LivyServerProcess.awaitIdle(server::http, id, POOLED_SESSION_IDLE);
        assertEquals("true", server.http().get("/sessions/" + id).jsonPath().getString("appInfo.pooled"));
        assertEquals("2", run(id, "1 + 1"));
    }

    @Test
    @Order(4)
    void stoppingTheServerLeavesNoDriverProcess() throws Exception {
        awaitPooledDriverReady(4);
        List<Long> pids = DriverProcesses.allDriverProcesses().stream().map(ProcessHandle::pid).toList();
        assertTrue(pids.size() >= 2, "a pooled driver and a session's driver, each with its Python: " + pids);

        server.close();
        server = null;

        await("every driver process to be gone", Duration.ofSeconds(30),
                () -> pids.stream().noneMatch(DriverProcesses::isRunning));
    }

    private static void awaitPooledDriverReady(int n) throws Exception {
        await("pooled driver " + n + " to be ready", POOLED_DRIVER_START,
                () -> server.serverLog().contains("Pooled driver " + n + " ready"));
    }

    private static String run(int sessionId, String code) throws Exception {
        int statement = server.http().body(Map.of("code", code)).post("/sessions/" + sessionId + "/statements")
                .then().statusCode(201).extract().jsonPath().getInt("id");
        String path = "/sessions/" + sessionId + "/statements/" + statement;
        await("statement " + statement + " of session " + sessionId, STATEMENT, () -> {
            String state = server.http().get(path).jsonPath().getString("state");
            if (state.equals("error") || state.equals("cancelled")) {
                throw new AssertionError(server.http().get(path).asString());
            }
            return state.equals("available");
        });
        JsonPath done = server.http().get(path).jsonPath();
        assertEquals("ok", done.getString("output.status"), done.prettify());
        return done.getString("output.data.'text/plain'");
    }
}
