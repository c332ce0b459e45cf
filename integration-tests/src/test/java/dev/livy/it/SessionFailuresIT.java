package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Drivers that fail, die, or outlive their server, against real spark-submit. */
class SessionFailuresIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);

    @Test
    void aKilledDriverMakesItsSessionDeadWhileOthersGoOnAndStoppingTheServerLeavesNoProcess() throws Exception {
        String victim = "it-victim-" + UUID.randomUUID().toString().substring(0, 8);
        String survivor = "it-survivor-" + UUID.randomUUID().toString().substring(0, 8);
        LivyServerProcess server = LivyServerProcess.start();
        List<ProcessHandle> survivorTree;
        try {
            int victimId = create(server, victim);
            int survivorId = create(server, survivor);
            LivyServerProcess.awaitIdle(server::http, victimId, SESSION_START);
            LivyServerProcess.awaitIdle(server::http, survivorId, SESSION_START);

            ProcessHandle victimDriver = DriverProcesses.driver(victim).orElseThrow();
            victimDriver.destroyForcibly();

            await("the killed driver's session to be dead", Duration.ofSeconds(20), () ->
                    "dead".equals(server.http().get("/sessions/" + victimId + "/state").jsonPath().getString("state")));
            List<String> log = server.http().get("/sessions/" + victimId + "/log?size=-1").jsonPath().getList("log");
            assertTrue(log.stream().anyMatch(line -> line.startsWith("livy: driver")), String.join("\n", log));
            server.http().body(Map.of("code", "1")).post("/sessions/" + victimId + "/statements")
                    .then().statusCode(400);

            int statement = server.http().body(Map.of("code", "6 * 7")).post("/sessions/" + survivorId + "/statements")
                    .then().statusCode(201).extract().jsonPath().getInt("id");
            await("the other session to answer", Duration.ofMinutes(1), () -> "available".equals(
                    server.http().get("/sessions/" + survivorId + "/statements/" + statement).jsonPath()
                            .getString("state")));
            assertEquals("42", server.http().get("/sessions/" + survivorId + "/statements/" + statement)
                    .jsonPath().getString("output.data.'text/plain'"));
            ProcessHandle survivorDriver = DriverProcesses.driver(survivor).orElseThrow();
            survivorTree = new java.util.ArrayList<>(survivorDriver.descendants().toList());
            survivorTree.add(survivorDriver);
        } finally {
            server.close();
        }
        assertTrue(survivorTree.stream().noneMatch(process -> DriverProcesses.isRunning(process.pid())),
                "bin/livy-server stop ends every driver and its Python interpreter");
    }

    @Test
    void aDriverThatCannotStartIsDeadWithTheReasonInItsLog() throws Exception {
        try (LivyServerProcess server = LivyServerProcess.start()) {
            int id = server.http().body("{\"kind\":\"pyspark\",\"conf\":{\"spark.pyspark.python\":"
                    + "\"/nonexistent/python3\",\"spark.ui.enabled\":\"false\"}}").post("/sessions")
                    .then().statusCode(201).extract().jsonPath().getInt("id");

            await("the session to be dead", SESSION_START, () -> {
                String state = server.http().get("/sessions/" + id + "/state").jsonPath().getString("state");
                if (state.equals("idle")) {
                    throw new AssertionError("a session without its Python became idle");
                }
                return state.equals("dead");
            });
            String log = String.join("\n", server.http().get("/sessions/" + id + "/log?size=-1").jsonPath()
                    .<String>getList("log"));
            assertTrue(log.contains("livy: driver failed: The Python interpreter cannot start: Cannot run program "
                    + "\"/nonexistent/python3\""), log);
            await("the driver's exit code in the log", Duration.ofSeconds(30), () -> server.http()
                    .get("/sessions/" + id + "/log?size=-1").asString()
                    .contains("livy: driver process exited with code"));
            server.http().get("/sessions/" + id).then().statusCode(200).body("state", equalTo("dead"));
        }
    }

    private static int create(LivyServerProcess server, String name) {
        return server.http().body("{\"kind\":\"pyspark\",\"name\":\"" + name + "\",\"driverMemory\":\"512m\","
                + "\"conf\":{\"spark.ui.enabled\":\"false\"}}").post("/sessions").then().statusCode(201)
                .extract().jsonPath().getInt("id");
    }
}
