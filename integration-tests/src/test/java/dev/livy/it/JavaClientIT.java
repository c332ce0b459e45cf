package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.it.jobs.ActiveSparkJobsJob;
import dev.livy.it.jobs.AddJob;
import dev.livy.it.jobs.CountRangeJob;
import dev.livy.it.jobs.FailingJob;
import dev.livy.it.jobs.ReadSparkFileJob;
import dev.livy.it.jobs.SleepingTasksJob;
import dev.livy.it.jobs.TempViewJob;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.livy.Job;
import org.apache.livy.JobHandle;
import org.apache.livy.LivyClient;
import org.apache.livy.LivyClientBuilder;
import org.apache.livy.client.common.Serializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Livy's own Java client ({@code livy-client-http} 0.7.1 from Maven Central, unchanged) against the packaged
 * server and real Spark, with one session for the whole class, as an application would use it: upload a jar of
 * jobs, submit and run jobs, share the SparkSession with a SQL statement, fail, cancel, stop. The jobs
 * ({@code dev.livy.it.jobs}) reach the driver only through the uploaded jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaClientIT {
    private static final Duration FIRST_JOB = Duration.ofMinutes(3);
    private static final long JOB_SECONDS = 120;

    private LivyServerProcess server;
    private LivyClient client;
    private int sessionId;

    @BeforeAll
    void startServerAndClient() throws Exception {
        server = LivyServerProcess.start();
        client = new LivyClientBuilder().setURI(URI.create("http://127.0.0.1:" + server.port()))
                .setConf("spark.ui.enabled", "false").build();
        sessionId = server.http().get("/sessions").jsonPath().getInt("sessions[0].id");
        // While the driver starts: the upload waits for it on the server.
        client.uploadJar(jobsJar().toFile()).get(FIRST_JOB.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterAll
    void stopClientAndServer() throws Exception {
        try {
            if (client != null) {
                client.stop(true);
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void theClientsSessionIsASharedSessionMadeFromItsConf() {
        server.http().get("/sessions/" + sessionId).then().statusCode(200)
                .body("kind", equalTo("shared")).body("owner", equalTo(null));
    }

    @Test
    @Order(2)
    void aSubmittedJobFromTheUploadedJarReturnsItsResult() throws Exception {
        assertEquals(2, client.submit(new AddJob(1, 1)).get(FIRST_JOB.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    @Order(3)
    void theJobStatusHasLivysFourKeysWithTheResultAsTheClientSerializesIt() {
        String body = server.http().get("/sessions/" + sessionId + "/jobs/0").then().statusCode(200)
                .extract().asString();
        // As common's golden fixtures/job-status.json: Kryo writes the Integer 2 as AgQ=.
        assertEquals("{\"id\":0,\"state\":\"SUCCEEDED\",\"result\":\"AgQ=\",\"error\":null}", body);
        byte[] result = Base64.getDecoder().decode(JsonPath.from(body).getString("result"));
        assertEquals(2, new Serializer().deserialize(ByteBuffer.wrap(result)));
    }

    @Test
    @Order(4)
    void jobsCountWithTheSessionsSparkContextWhetherSubmittedOrRun() throws Exception {
        assertEquals(1000L, client.submit(new CountRangeJob(1000)).get(JOB_SECONDS, TimeUnit.SECONDS));
        assertEquals(77L, client.run(new CountRangeJob(77)).get(JOB_SECONDS, TimeUnit.SECONDS));
    }

    @Test
    @Order(5)
    void aTempViewMadeByAJobIsReadBySqlOnTheSameSession() throws Exception {
        assertEquals("made_by_a_job", client.submit(new TempViewJob("made_by_a_job", 5))
                .get(JOB_SECONDS, TimeUnit.SECONDS));

        JsonPath output = statement("sql", "SELECT COUNT(*) AS n FROM made_by_a_job");
        assertEquals("ok", output.getString("output.status"), output.prettify());
        assertEquals(List.of(List.of(5)), output.getList("output.data.'application/json'.data"));
    }

    @Test
    @Order(6)
    void uploadedFilesReachSparkFilesAndPythonAndAddedLocalPathsPassTheWhitelist() throws Exception {
        Path directory = Files.createTempDirectory("livy-java-client-");
        Path file = Files.writeString(directory.resolve("lookup.csv"), "id,name\n1,one\n");
        Path module = Files.writeString(directory.resolve("livy_uploaded_helpers.py"),
                "def greet(name):\n    return 'hello ' + name\n");
        try {
            client.uploadFile(file.toFile()).get(JOB_SECONDS, TimeUnit.SECONDS);
            assertEquals("id,name\n1,one\n", submitted(new ReadSparkFileJob("lookup.csv")));

            server.http().contentType("multipart/form-data").multiPart("file", module.toFile())
                    .post("/sessions/" + sessionId + "/upload-pyfile")
                    .then().statusCode(200);
            JsonPath greeted = statement("pyspark", "import livy_uploaded_helpers\nlivy_uploaded_helpers.greet('you')");
            assertEquals("'hello you'", greeted.getString("output.data.'text/plain'"), greeted.prettify());

            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> client.addJar(URI.create("file:///etc/livy-not-whitelisted.jar"))
                            .get(JOB_SECONDS, TimeUnit.SECONDS));
            assertTrue(refused.getCause().getMessage().contains("livy.file.local-dir-whitelist"),
                    refused.getCause().getMessage());
        } finally {
            Files.delete(file);
            Files.delete(module);
            Files.delete(directory);
        }
    }

    @Test
    @Order(7)
    void aJobThatThrowsFailsTheClientsFutureWithItsMessage() {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> client.submit(new FailingJob("the job failed on purpose")).get(JOB_SECONDS, TimeUnit.SECONDS));
        String message = failed.getCause().getMessage();
        assertTrue(message.contains("java.lang.IllegalStateException: the job failed on purpose"), message);
        assertTrue(message.contains("\tat dev.livy.it.jobs.FailingJob.call(FailingJob.java:"),
                "with the job's stack trace: " + message);
    }

    @Test
    @Order(8)
    void cancellingALongJobStopsItsSparkJobs() throws Exception {
        JobHandle<Long> sleeping = client.submit(new SleepingTasksJob());
        await("the long job's Spark job to run", Duration.ofSeconds(JOB_SECONDS), () -> activeSparkJobs() > 0);

        assertTrue(sleeping.cancel(true),
                () -> "the job ended before its cancel: " + sleeping.getState() + "\n" + sessionLog());

        await("the long job's Spark job to stop", Duration.ofSeconds(JOB_SECONDS), () -> activeSparkJobs() == 0);
        // The handle learns the outcome from its next poll of the job's status.
        assertThrows(CancellationException.class, () -> sleeping.get(JOB_SECONDS, TimeUnit.SECONDS));
        assertEquals(JobHandle.State.CANCELLED, sleeping.getState());
    }

    @Test
    @Order(9)
    void stopWithTheContextEndsTheSessionAndItsDriver() throws Exception {
        client.stop(true);
        client = null;

        await("the session to be gone", Duration.ofSeconds(60),
                () -> server.http().get("/sessions/" + sessionId).statusCode() == 404);
        await("the driver process to exit", Duration.ofSeconds(60),
                () -> DriverProcesses.driver("livy-session-" + sessionId).isEmpty());
    }

    /** Runs a statement on the client's session through the REST API and waits for its output. */
    private JsonPath statement(String kind, String code) throws Exception {
        int statement = server.http().body(Map.of("kind", kind, "code", code))
                .post("/sessions/" + sessionId + "/statements").then().statusCode(201).extract().jsonPath()
                .getInt("id");
        String path = "/sessions/" + sessionId + "/statements/" + statement;
        await("the " + kind + " statement to finish", Duration.ofSeconds(JOB_SECONDS),
                () -> server.http().get(path).jsonPath().getString("state").equals("available"));
        return server.http().get(path).jsonPath();
    }

    private String sessionLog() {
        return String.join("\n", server.http().get("/sessions/" + sessionId + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }

    private int activeSparkJobs() throws Exception {
        return submitted(new ActiveSparkJobsJob());
    }

    private <T> T submitted(Job<T> job) throws Exception {
        return client.submit(job).get(JOB_SECONDS, TimeUnit.SECONDS);
    }

    /** target/*-livy-jobs.jar, which the build packages from {@code dev.livy.it.jobs}. */
    private static Path jobsJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-livy-jobs.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("target/*-livy-jobs.jar is missing: mvn package"));
        }
    }
}
