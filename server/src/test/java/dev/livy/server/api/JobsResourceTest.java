package dev.livy.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.JobState;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.ResourceKind;
import dev.livy.server.driver.FakeConnectedDriver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Livy's Java client calls, over real HTTP with a fake driver: a session created with only {@code conf},
 * {@code connect}, jobs queued while the driver starts and their status as the client reads it, cancels, uploads
 * and added files.
 */
class JobsResourceTest {
    private static final String JOB = Base64.getEncoder().encodeToString("a serialized job".getBytes(
            StandardCharsets.UTF_8));

    @TempDir
    Path workDirectory;

    private InProcessServer server;

    @BeforeEach
    void start() throws Exception {
        server = new InProcessServer(workDirectory);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aSessionMadeWithOnlyConfAnswersTheNineFieldsOnCreateAndConnect() {
        String created = server.http().body("{\"conf\":{\"spark.app.name\":\"client\"}}").post("/sessions")
                .then().statusCode(201).extract().asString();
        String connected = server.http().post("/sessions/0/connect").then().statusCode(200).extract().asString();

        for (String body : List.of(created, connected)) {
            assertTrue(body.startsWith("{\"id\":0,\"name\":null,\"appId\":null,\"owner\":null,\"proxyUser\":null,"
                    + "\"state\":\"starting\",\"kind\":\"shared\",\"appInfo\":{"), body);
        }
        server.http().post("/sessions/7/connect").then().statusCode(404).body("msg", equalTo("Session '7' not found."));
    }

    @Test
    void aJobQueuesUntilTheDriverConnectsAndItsStatusFollowsTheDriver() {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);

        String submitted = server.http().body("{\"job\":\"" + JOB + "\",\"jobType\":\"spark\"}")
                .post("/sessions/0/submit-job").then().statusCode(200).extract().asString();
        assertEquals("{\"id\":0,\"state\":\"SENT\",\"result\":null,\"error\":null}", submitted);
        server.http().body("{\"job\":\"" + JOB + "\",\"jobType\":\"spark\"}").post("/sessions/0/run-job")
                .then().statusCode(200).body("id", equalTo(1));

        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(server.sessions.get(0).orElseThrow()));
        assertEquals(List.of(new DriverMessage.RunJob(0, JOB), new DriverMessage.RunJob(1, JOB)), driver.sent());

        driver.deliver(new DriverMessage.DriverReady("local-1", null));
        server.http().get("/sessions/0/state").then().body("state", equalTo("busy"));
        driver.deliver(new DriverMessage.JobStarted(0));
        server.http().get("/sessions/0/jobs/0").then().statusCode(200).body("state", equalTo("STARTED"));
        driver.deliver(new DriverMessage.JobFinished(0, JobState.SUCCEEDED, "AgQ=", null));
        assertEquals("{\"id\":0,\"state\":\"SUCCEEDED\",\"result\":\"AgQ=\",\"error\":null}",
                server.http().get("/sessions/0/jobs/0").then().statusCode(200).extract().asString());

        driver.deliver(new DriverMessage.JobFinished(1, JobState.FAILED, null, "java.lang.Error: no\n\tat X\n"));
        server.http().get("/sessions/0/jobs/1").then().body("state", equalTo("FAILED"))
                .body("error", equalTo("java.lang.Error: no\n\tat X\n"));
        server.http().get("/sessions/0/state").then().body("state", equalTo("idle"));
    }

    @Test
    void aCancelledJobIsCancelledAtOnceAndTheDriverIsTold() {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(server.sessions.get(0).orElseThrow()));
        server.http().body("{\"job\":\"" + JOB + "\",\"jobType\":\"spark\"}").post("/sessions/0/submit-job");
        driver.deliver(new DriverMessage.JobStarted(0));

        server.http().post("/sessions/0/jobs/0/cancel").then().statusCode(200).body("msg", equalTo("canceled"));

        server.http().get("/sessions/0/jobs/0").then().body("state", equalTo("CANCELLED"));
        assertEquals(new DriverMessage.CancelJob(0), driver.sent().get(driver.sent().size() - 1));
        driver.deliver(new DriverMessage.JobFinished(0, JobState.FAILED, null, "interrupted"));
        server.http().get("/sessions/0/jobs/0").then().body("state", equalTo("CANCELLED"));
        server.http().get("/sessions/0/jobs/9").then().statusCode(404)
                .body("msg", equalTo("Job '9' not found in session 0."));
        server.http().post("/sessions/0/jobs/x/cancel").then().statusCode(404);
    }

    @Test
    void aJobStillActiveWhenItsSessionDiesFailsSayingWhyAndTheSessionTakesNoMore() {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(server.sessions.get(0).orElseThrow()));
        server.http().body("{\"job\":\"" + JOB + "\"}").post("/sessions/0/submit-job").then().statusCode(200);

        driver.disconnect("the driver closed the connection");

        server.http().get("/sessions/0/jobs/0").then().body("state", equalTo("FAILED"))
                .body("error", equalTo("Session 0 ended (dead) before the job finished."));
        server.http().body("{\"job\":\"" + JOB + "\"}").post("/sessions/0/submit-job").then().statusCode(400)
                .body("msg", equalTo("Session 0 is dead and takes no jobs."));
        server.http().body("{\"uri\":\"/srv/jobs/extra.jar\"}").post("/sessions/0/add-jar").then()
                .statusCode(400).body("msg", equalTo("Session 0 is dead and takes no files."));
    }

    @Test
    void badJobsAre400InPlainWords() {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);

        server.http().body("{\"jobType\":\"spark\"}").post("/sessions/0/submit-job").then().statusCode(400)
                .body("msg", startsWith("Field 'job' is required"));
        server.http().body("{\"job\":\"" + JOB + "\",\"jobType\":\"pyspark\"}").post("/sessions/0/submit-job")
                .then().statusCode(400)
                .body("msg", equalTo("Job type 'pyspark' is not supported; supported: [spark]."));
        server.http().body("{\"job\":\"not base64!\"}").post("/sessions/0/submit-job").then().statusCode(400);
        server.http().body("{\"job\":\"" + JOB + "\"}").post("/sessions/3/submit-job").then().statusCode(404);
    }

    @Test
    void anUploadIsStoredPrivatelyInTheSessionsDirectoryAndAddedToTheDriver() throws Exception {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(server.sessions.get(0).orElseThrow()));
        byte[] jar = {'P', 'K', 3, 4, 0, 1, 2};

        server.http().multiPart("jar", "jobs.jar", jar).post("/sessions/0/upload-jar").then().statusCode(200);
        server.http().multiPart("file", "lookup.csv", "a,b".getBytes(StandardCharsets.UTF_8))
                .post("/sessions/0/upload-file").then().statusCode(200);

        Path stored = workDirectory.resolve("session-0/uploads/jobs.jar");
        assertArrayEquals(jar, Files.readAllBytes(stored));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stored)));
        assertEquals(List.of(new DriverMessage.AddResource(ResourceKind.JAR, stored.toString()),
                new DriverMessage.AddResource(ResourceKind.FILE,
                        workDirectory.resolve("session-0/uploads/lookup.csv").toString())), driver.sent());
        server.http().multiPart("file", "jobs.jar", jar).post("/sessions/0/upload-jar").then().statusCode(400)
                .body("msg", equalTo("A file named 'jobs.jar' was already uploaded to this session."));
    }

    @Test
    void uploadsAreCheckedAndBoundByTheBodyLimit() {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);

        server.http().multiPart("file", "big.jar", new byte[(int) InProcessServer.MAX_BODY_BYTES + 1])
                .post("/sessions/0/upload-jar").then().statusCode(413);
        server.http().multiPart("file", "../../etc/passwd.jar", new byte[] {1}).post("/sessions/0/upload-jar")
                .then().statusCode(200);
        assertTrue(Files.exists(workDirectory.resolve("session-0/uploads/passwd.jar")), "only the last segment");
        server.http().multiPart("other", "x.jar", new byte[] {1}).post("/sessions/0/upload-pyfile").then()
                .statusCode(400)
                .body("msg", equalTo("The upload has no part named 'file' (or 'jar') with a file name."));
        server.http().body("{}").post("/sessions/0/upload-jar").then().statusCode(400)
                .body("msg", startsWith("An upload is a multipart/form-data body"));
    }

    @Test
    void addedFilesPassTheLocalPathWhitelist() {
        server.http().body("{\"conf\":{}}").post("/sessions").then().statusCode(201);
        FakeConnectedDriver driver = new FakeConnectedDriver();
        assertTrue(driver.connectTo(server.sessions.get(0).orElseThrow()));

        server.http().body("{\"uri\":\"/etc/secret.jar\"}").post("/sessions/0/add-jar").then().statusCode(400)
                .body("msg", startsWith("Field 'uri'"));
        server.http().body("{}").post("/sessions/0/add-file").then().statusCode(400)
                .body("msg", equalTo("Field 'uri' is required."));
        server.http().body("{\"uri\":\"/srv/jobs/extra.jar\"}").post("/sessions/0/add-jar").then().statusCode(200);
        server.http().body("{\"uri\":\"hdfs://nn/libs/util.py\"}").post("/sessions/0/add-pyfile").then()
                .statusCode(200);

        assertEquals(List.of(new DriverMessage.AddResource(ResourceKind.JAR, "/srv/jobs/extra.jar"),
                new DriverMessage.AddResource(ResourceKind.PYFILE, "hdfs://nn/libs/util.py")), driver.sent());
    }
}
