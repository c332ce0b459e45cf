package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
    private static final String MISSING = "R cannot run on this server: the SparkR package is not in the server's "
            + "Spark installation (PyPI's pyspark does not include it; use an Apache Spark distribution, which ships "
            + "it in R/lib/SparkR, or install SparkR there with R CMD INSTALL -l <Spark home>/R/lib).";

    private Path sparkHome;
    private LivyServerProcess server;

    @BeforeAll
    void startServerOnASparkHomeWithoutSparkR() throws Exception {
        sparkHome = withoutR(provisionedSparkHome());
        server = LivyServerProcess.start(Map.of(), Map.of("SPARK_HOME", sparkHome.toString()));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        if (sparkHome != null) {
            try (Stream<Path> links = Files.walk(sparkHome)) {
                links.sorted(Comparator.reverseOrder()).forEach(link -> link.toFile().delete());
            }
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

    private static Path provisionedSparkHome() throws IOException, InterruptedException {
        Process provision = new ProcessBuilder(LivyServerProcess.LIVY_HOME.resolve("bin/provision-spark").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(provision.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!provision.waitFor(10, TimeUnit.MINUTES) || provision.exitValue() != 0) {
            throw new IllegalStateException("bin/provision-spark failed: " + output);
        }
        return output.lines().filter(line -> line.startsWith("SPARK_HOME=")).findFirst()
                .map(line -> Path.of(line.substring("SPARK_HOME=".length())))
                .orElseThrow(() -> new IllegalStateException("bin/provision-spark printed no SPARK_HOME: " + output));
    }

    /** A directory of links to every entry of the Spark home but R/. */
    private static Path withoutR(Path sparkHome) throws IOException {
        Path copy = Files.createTempDirectory("livy-it-spark-without-r-");
        List<Path> entries;
        try (Stream<Path> list = Files.list(sparkHome)) {
            entries = list.filter(entry -> !entry.getFileName().toString().equals("R")).toList();
        }
        for (Path entry : entries) {
            Files.createSymbolicLink(copy.resolve(entry.getFileName()), entry);
        }
        return copy;
    }
}
