package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Batches as a scheduler submits them, against real spark-submit: Python and jar applications to success, a
 * failing one to dead, a long one killed by DELETE. One server for the class; its whitelist is a temp directory.
 */
class BatchesIT {
    private static final Duration BATCH_RUN = Duration.ofMinutes(3);

    private static Path jobs;
    private static LivyServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        jobs = Files.createTempDirectory("livy-it-jobs-").toRealPath();
        server = LivyServerProcess.start(Map.of("livy.file.local-dir-whitelist", jobs.toString()));
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPythonApplicationComputesWritesItsResultAndSucceeds() throws Exception {
        Path result = jobs.resolve("squares.txt");
        Path program = write("squares.py", """
                import sys
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                total = spark.sparkContext.parallelize(range(1, 101), 4).map(lambda x: x * x).sum()
                with open(sys.argv[1], "w") as out:
                    out.write(str(total))
                print("RESULT", total)
                spark.stop()
                """);

        int id = submit(Map.of("file", program.toString(), "args", List.of(result.toString()),
                "name", "it-squares"));
        JsonPath batch = awaitEnd(id);

        assertEquals("success", batch.getString("state"), log(id));
        assertEquals("338350", Files.readString(result));
        assertTrue(log(id).contains("RESULT 338350"), log(id));
        assertTrue(batch.getString("appId").startsWith("local-"), "appId " + batch.getString("appId"));
        assertNotNull(batch.getString("appInfo.sparkUiUrl"));
        server.http().get("/batches/" + id + "/log?from=0&size=1").then().statusCode(200)
                .body("log", equalTo(List.of("stdout: ")));
    }

    @Test
    void aJarApplicationRunsItsClassName() throws Exception {
        Path input = jobs.resolve("words.txt");
        Files.writeString(input, "to be or not to be\nthat is the question\n");
        Path output = jobs.resolve("counts.tsv");
        Path jar = Files.copy(sparkAppJar(), jobs.resolve("spark-app.jar"));

        int id = submit(Map.of("file", jar.toString(), "className", "dev.livy.it.app.WordCountApp",
                "args", List.of(input.toString(), output.toString()), "conf",
                Map.of("spark.sql.shuffle.partitions", "2")));

        assertEquals("success", awaitEnd(id).getString("state"), log(id));
        assertEquals(List.of("be\t2", "is\t1", "not\t1", "or\t1", "question\t1", "that\t1", "the\t1", "to\t2"),
                Files.readAllLines(output));
        assertTrue(log(id).contains("WordCountApp counted 8 distinct words"), log(id));
    }

    @Test
    void aFailingApplicationIsDeadWithItsErrorInTheLog() throws Exception {
        Path program = write("fails.py", """
                raise ValueError("bad input on purpose")
                """);

        int id = submit(Map.of("file", program.toString()));

        assertEquals("dead", awaitEnd(id).getString("state"));
        assertTrue(log(id).contains("ValueError: bad input on purpose"), log(id));
    }

    @Test
    void deleteKillsALongApplicationAndEveryProcessItStarted() throws Exception {
        Path program = write("forever.py", """
                import time
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                print("STARTED", flush=True)
                time.sleep(3600)
                """);
        int id = submit(Map.of("file", program.toString(), "name", "it-forever"));
        assertEquals("running", server.http().get("/batches/" + id + "/state").jsonPath().getString("state"),
                "spark-submit starts inside the create, as in Livy");
        await("the application to start", BATCH_RUN, () -> log(id).contains("STARTED"));
        assertEquals("running", server.http().get("/batches/" + id + "/state").jsonPath().getString("state"));
        assertTrue(!DriverProcesses.runningWith(program.toString()).isEmpty(), "the Python program runs");

        server.http().delete("/batches/" + id).then().statusCode(200).body("msg", equalTo("deleted"));

        server.http().get("/batches/" + id).then().statusCode(404);
        await("spark-submit and the Python program to be gone", Duration.ofSeconds(30),
                () -> DriverProcesses.runningWith(program.toString()).isEmpty()
                        && DriverProcesses.runningWith("--name it-forever ").isEmpty());
    }

    @Test
    void stoppingTheServerEndsItsRunningBatches() throws Exception {
        Path program = write("outlives.py", """
                import time
                print("STARTED", flush=True)
                time.sleep(3600)
                """);
        LivyServerProcess own = LivyServerProcess.start(Map.of("livy.file.local-dir-whitelist", jobs.toString()));
        try {
            int id = own.http().body(Map.of("file", program.toString())).post("/batches").then().statusCode(201)
                    .extract().jsonPath().getInt("id");
            await("the application to start", BATCH_RUN, () -> String.join("\n", own.http()
                    .get("/batches/" + id + "/log?size=-1").jsonPath().getList("log", String.class))
                    .contains("STARTED"));
        } finally {
            own.close();
        }
        assertTrue(DriverProcesses.runningWith(program.toString()).isEmpty(),
                "bin/livy-server stop leaves no batch process behind");
    }

    @Test
    void badRequestsAreRefusedWithAReason() throws Exception {
        server.http().body("{}").post("/batches").then().statusCode(400).body("msg", equalTo("File is required."));
        server.http().body(Map.of("file", "/etc/passwd")).post("/batches").then().statusCode(400)
                .body("msg", equalTo("Field 'file': local path '/etc/passwd' is not in a directory listed in "
                        + "livy.file.local-dir-whitelist ([" + jobs + "])."));
        server.http().body(Map.of("file", jobs.resolve("x.py").toString(), "conf", Map.of("spark.master", "yarn")))
                .post("/batches").then().statusCode(400)
                .body("msg", equalTo("Blacklisted configuration values in batch config: spark.master."));
        server.http().body("{\"file\": 3}").post("/batches").then().statusCode(400)
                .body("msg", equalTo("Field 'file' must be a string."));
    }

    private static int submit(Map<String, Object> request) {
        return server.http().body(request).post("/batches").then().statusCode(201)
                .extract().jsonPath().getInt("id");
    }

    private static JsonPath awaitEnd(int id) throws Exception {
        await("batch " + id + " to end", BATCH_RUN, () -> List.of("success", "dead", "killed").contains(
                server.http().get("/batches/" + id + "/state").jsonPath().getString("state")));
        return server.http().get("/batches/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String log(int id) {
        return String.join("\n", server.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }

    private static Path write(String name, String program) throws IOException {
        return Files.writeString(jobs.resolve(name), program);
    }

    private static Path sparkAppJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-spark-app.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("target/*-spark-app.jar is missing: mvn package"));
        }
    }
}
