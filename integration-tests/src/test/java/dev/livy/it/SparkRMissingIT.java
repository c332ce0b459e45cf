package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A server whose Spark home has no SparkR, as PyPI's pyspark has none (the provisioned Spark, linked entry by entry
 * except its R directory): a sparkr session is refused with a 400 that says what is missing, and an R statement in
 * a Python session answers the same as an error output while Python goes on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkRMissingIT {
    private static final String MISSING = "R cannot run on this server: the SparkR package is in none of the places "
            + "the server looks: the Spark installation's R/lib/SparkR or R/lib/sparkr.zip (an Apache Spark "
            + "distribution ships both; PyPI's pyspark neither), or the R library that the server's "
            + "livy.server.sparkr.library names (unset here; install SparkR into it with R CMD INSTALL -l <that "
            + "library> <SparkR package>).";

    private Path sparkHome;
    private LivyServerProcess server;

    @BeforeAll
    void startServerOnASparkHomeWithoutSparkR() throws Exception {
        sparkHome = SparkHomeCopies.withoutR(Path.of(ProvisionedSpark.provision().get("SPARK_HOME")));
        server = LivyServerProcess.start(Map.of(), Map.of("SPARK_HOME", sparkHome.toString()));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sparkHome != null) {
            SparkHomeCopies.delete(sparkHome);
        }
    }

    @Test
    void anRSessionIsRefusedAndAnRStatementSaysWhyWhilePythonGoesOn() throws Exception {
        String refused = server.http().body("{\"kind\":\"sparkr\"}").post("/sessions").then().statusCode(400)
                .extract().jsonPath().getString("msg");
        assertEquals(MISSING, refused);
        assertFalse(refused.contains(sparkHome.toString()), "no server path in the message");
        assertEquals(0, server.http().get("/sessions").jsonPath().getInt("total"), "nothing was started");

        String appName = "it-no-sparkr-" + UUID.randomUUID().toString().substring(0, 8);
        int id = server.http().body("{\"kind\":\"pyspark\",\"name\":\"" + appName + "\","
                + "\"conf\":{\"spark.ui.enabled\":\"false\"}}").post("/sessions").then().statusCode(201)
                .extract().jsonPath().getInt("id");
        LivyServerProcess.awaitIdle(server::http, id, Duration.ofMinutes(3));

        JsonPath r = run(id, "sparkr", "1 + 1");
        assertEquals("error", r.getString("output.status"), r.prettify());
        assertEquals("InterpreterError", r.getString("output.ename"));
        assertEquals("The sparkr interpreter cannot start: " + MISSING, r.getString("output.evalue"));
        assertEquals("2", run(id, "pyspark", "1 + 1").getString("output.data.'text/plain'"));

        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        server.http().delete("/sessions/" + id).then().statusCode(200);
        await("the driver to exit", Duration.ofSeconds(30), () -> !DriverProcesses.isRunning(driver.pid()));
    }

    private JsonPath run(int sessionId, String kind, String code) throws Exception {
        int id = server.http().body(Map.of("code", code, "kind", kind)).post("/sessions/" + sessionId + "/statements")
                .then().statusCode(201).extract().jsonPath().getInt("id");
        String path = "/sessions/" + sessionId + "/statements/" + id;
        await("statement " + id + " to be available", Duration.ofMinutes(2),
                () -> server.http().get(path).jsonPath().getString("state").equals("available"));
        return server.http().get(path).jsonPath();
    }
}
