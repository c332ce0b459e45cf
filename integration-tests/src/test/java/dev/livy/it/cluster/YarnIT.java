package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livy.it.LivyServerProcess;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions and batches on YARN (a MiniYARNCluster with HDFS in the test JVM), as an operator points the packaged
 * server at it: HADOOP_CONF_DIR, YARN_CONF_DIR and Spark's defaults. A client-mode server runs a PySpark session
 * whose work runs in YARN containers, with the containers its resources ask for and files from HDFS; a
 * cluster-mode server runs batches whose state comes from the ResourceManager, as does their end: success, dead
 * with YARN's words (or a missing HDFS file's), killed through the ResourceManager; and
 * sessions whose driver runs in a YARN container and connects back to the server, one deleted, one whose driver's
 * container is killed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedClusters.class)
class YarnIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration BATCH_RUN = Duration.ofMinutes(4);
    private static final Map<String, String> SMALL_APPLICATION = Map.of("spark.ui.enabled", "false",
            "spark.yarn.am.memory", "512m", "spark.driver.memory", "512m", "spark.executor.memory", "512m");

    private YarnCluster yarn;
    private Path jobs;
    private LivyServerProcess clientMode;
    private LivyServerProcess clusterMode;
    private SessionClient session;

    @BeforeAll
    void startServers(YarnCluster yarn) throws Exception {
        this.yarn = yarn;
        jobs = Files.createTempDirectory("livy-it-yarn-jobs-").toRealPath();
        clientMode = server("client");
        clusterMode = server("cluster");
        session = SessionClient.create(clientMode, Map.<String, Object>ofEntries(Map.entry("kind", "pyspark"),
                Map.entry("name", "it-yarn-session"), Map.entry("queue", "etl"), Map.entry("numExecutors", 1),
                Map.entry("executorMemory", "768m"), Map.entry("executorCores", 2),
                Map.entry("conf", SMALL_APPLICATION),
                Map.entry("pyFiles", List.of(yarn.put("/it/livy_it_helper.py", bytes("VALUE = 'from a pyFile'\n")))),
                Map.entry("files", List.of(yarn.put("/it/greeting.txt", bytes("hello from hdfs\n")))),
                Map.entry("archives", List.of(yarn.put("/it/bundle.zip", zip("inside.txt", "from an archive"))
                        + "#bundle")),
                Map.entry("jars", List.of(yarn.put("/it/resource.jar", zip("livy-it-resource.txt", "from a jar"))))),
                SESSION_START);
    }

    @AfterAll
    void stopServers() throws Exception {
        for (LivyServerProcess server : new LivyServerProcess[] {clientMode, clusterMode}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void theSessionIsAYarnApplicationWithItsNameQueueAndResources() throws Exception {
        String appId = session.view().getString("appId");
        assertTrue(appId.startsWith("application_"), "appId " + appId);

        JsonNode report = yarn.application(appId);
        assertEquals("it-yarn-session", report.path("name").asText(), report.toString());
        assertTrue(report.path("queue").asText().endsWith("etl"), report.toString());
        assertEquals("RUNNING", report.path("state").asText(), report.toString());
        await("YARN to run the application master and the one executor", Duration.ofSeconds(60),
                () -> yarn.application(appId).path("runningContainers").asInt() == 2);
        JsonNode held = yarn.application(appId);
        // In 256 MB steps: the application master 512m + 384m overhead, the executor (executorMemory) 768m + 384m.
        assertEquals(1024 + 1280, held.path("allocatedMB").asInt(), held.toString());
        // The application master's one vcore (client mode: driverCores is the local driver's) and executorCores.
        assertEquals(1 + 2, held.path("allocatedVCores").asInt(), held.toString());
        await("the session's appInfo to link YARN's pages", Duration.ofSeconds(30),
                () -> session.view().getString("appInfo.driverLogUrl") != null);
        JsonPath view = session.view();
        assertEquals(report.path("amContainerLogs").asText(), view.getString("appInfo.driverLogUrl"), view.prettify());
        assertEquals(report.path("trackingUrl").asText(), view.getString("appInfo.sparkUiUrl"), view.prettify());
    }

    @Test
    @Order(2)
    void pythonLambdasRunInYarnContainers() throws Exception {
        String appId = session.view().getString("appId");

        String places = session.text("pyspark", """
                import os
                print(sorted(set(sc.parallelize(range(4), 2).map(lambda x: os.getcwd()).collect())))""");

        assertTrue(places.contains("/appcache/" + appId + "/container_"), places);
    }

    @Test
    @Order(3)
    void pyFilesFilesArchivesAndJarsFromHdfsReachTheExecutors() throws Exception {
        String python = session.text("pyspark", """
                def read(_):
                    import livy_it_helper
                    return [livy_it_helper.VALUE, open('greeting.txt').read().strip(),
                            open('bundle/inside.txt').read().strip()]
                print(sc.parallelize([0], 1).flatMap(read).collect())""");
        String scala = session.text("spark", "sc.parallelize(Seq(1), 1).map(_ => scala.io.Source.fromInputStream("
                + "Thread.currentThread.getContextClassLoader.getResourceAsStream(\"livy-it-resource.txt\"))"
                + ".mkString).first()");

        assertEquals("['from a pyFile', 'hello from hdfs', 'from an archive']", python.strip());
        assertTrue(scala.contains("from a jar"), scala);
    }

    @Test
    @Order(4)
    void aBatchWhoseHdfsFileDoesNotExistIsDeadWithTheReason() throws Exception {
        String missing = yarn.hdfsUri() + "/it/no-such-program.py";
        int id = submit(Map.of("file", missing, "conf", batchConf()));

        await("the batch to end", BATCH_RUN, () -> List.of("success", "dead", "killed").contains(state(id)));

        assertEquals("dead", state(id), log(id));
        assertTrue(log(id).contains("File does not exist: " + missing), log(id));
    }

    @Test
    @Order(5)
    void aClusterModeBatchGoesThroughTheStatesYarnReportsToSuccess() throws Exception {
        Path program = Files.writeString(jobs.resolve("squares.py"), """
                import time
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                print("RESULT", spark.sparkContext.parallelize(range(1, 11), 2).map(lambda x: x * x).sum())
                time.sleep(5)
                spark.stop()
                """);
        int id = submit(Map.of("file", program.toString(), "name", "it-yarn-squares", "queue", "etl",
                "conf", batchConf()));

        Set<String> seen = new LinkedHashSet<>();
        await("the batch to end", BATCH_RUN, () -> {
            seen.add(state(id));
            return List.of("success", "dead", "killed").contains(state(id));
        });

        JsonPath batch = clusterMode.http().get("/batches/" + id).jsonPath();
        assertEquals("success", batch.getString("state"), log(id));
        assertTrue(seen.contains("running"), "states seen: " + seen);
        JsonNode report = yarn.application(batch.getString("appId"));
        assertEquals("FINISHED", report.path("state").asText(), report.toString());
        assertEquals("SUCCEEDED", report.path("finalStatus").asText(), report.toString());
        assertEquals("it-yarn-squares", report.path("name").asText());
        assertTrue(report.path("queue").asText().endsWith("etl"), report.toString());
        assertNotNull(batch.getString("appInfo.sparkUiUrl"), batch.prettify());
        String driverLog = batch.getString("appInfo.driverLogUrl");
        // The application's first container runs the driver in cluster mode. (A MiniYARNCluster's NodeManagers
        // share one JVM and do not serve each other's log files, so the page itself is not fetched here.)
        String driverContainer = "/container_" + batch.getString("appId").substring("application_".length())
                + "_01_000001/";
        assertTrue(driverLog.contains(driverContainer), driverLog);
        assertTrue(log(id).contains("livy: the driver runs in the cluster; its log: " + driverLog), log(id));
    }

    @Test
    @Order(6)
    void aBatchForAnUnknownQueueIsDeadWithYarnsMessage() throws Exception {
        Path program = Files.writeString(jobs.resolve("nothing.py"), "print('never runs')\n");
        int id = submit(Map.of("file", program.toString(), "queue", "nosuch", "conf", batchConf()));

        await("the batch to end", BATCH_RUN, () -> List.of("success", "dead", "killed").contains(state(id)));

        assertEquals("dead", state(id), log(id));
        assertTrue(log(id).contains("unknown queue: nosuch"), log(id));
    }

    @Test
    @Order(7)
    void deleteKillsTheApplicationInYarn() throws Exception {
        Path program = Files.writeString(jobs.resolve("forever.py"), """
                import time
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                time.sleep(3600)
                """);
        int id = submit(Map.of("file", program.toString(), "conf", batchConf()));
        await("the batch to run", BATCH_RUN, () -> state(id).equals("running"));
        String appId = clusterMode.http().get("/batches/" + id).jsonPath().getString("appId");

        clusterMode.http().delete("/batches/" + id).then().statusCode(200);

        await("YARN to report " + appId + " killed", Duration.ofSeconds(60),
                () -> yarn.application(appId).path("state").asText().equals("KILLED"));
    }

    @Test
    @Order(8)
    void deletingTheSessionEndsItsApplication() throws Exception {
        String appId = session.view().getString("appId");

        session.delete();

        await("YARN to report " + appId + " finished", Duration.ofSeconds(90),
                () -> List.of("FINISHED", "KILLED").contains(yarn.application(appId).path("state").asText()));
    }

    @Test
    @Order(9)
    void aClusterModeSessionsDriverRunsInAYarnContainerAndReachesTheServer() throws Exception {
        Map<String, String> conf = new HashMap<>(SMALL_APPLICATION);
        conf.put("spark.executor.instances", "1");
        conf.remove("spark.driver.memory");
        SessionClient inYarn = SessionClient.create(clusterMode, Map.of("name", "it-yarn-cluster-session",
                "driverMemory", "1g", "driverCores", 2, "conf", conf), SESSION_START);
        String appId = inYarn.view().getString("appId");
        await("YARN to run the driver and the one executor", Duration.ofSeconds(60),
                () -> yarn.application(appId).path("runningContainers").asInt() == 2);
        JsonNode held = yarn.application(appId);
        // In 256 MB steps: the driver's container (driverMemory) 1024m + 384m overhead, the executor 512m + 384m.
        assertEquals(1536 + 1024, held.path("allocatedMB").asInt(), held.toString());
        // The driver's container has driverCores, the executor Spark's default of one.
        assertEquals(2 + 1, held.path("allocatedVCores").asInt(), held.toString());

        String driverDirectory = inYarn.text("pyspark", "import os\nprint(os.getcwd())");
        String sum = inYarn.text("spark", "case class Point(x: Int)\n"
                + "sc.parallelize(1 to 3, 3).map(i => Point(i)).collect().map(_.x).sum");
        inYarn.delete();

        assertTrue(appId.startsWith("application_"), "appId " + appId);
        assertTrue(driverDirectory.contains("/appcache/" + appId + "/container_"), driverDirectory);
        assertTrue(sum.endsWith("Int = 6\n"), sum);
        await("YARN to report " + appId + " finished", Duration.ofSeconds(90),
                () -> List.of("FINISHED", "KILLED").contains(yarn.application(appId).path("state").asText()));
    }

    @Test
    @Order(10)
    void aSessionWhoseDriverContainerIsKilledIsDeadWithTheReason() throws Exception {
        Map<String, String> conf = new HashMap<>(SMALL_APPLICATION);
        conf.put("spark.executor.instances", "1");
        SessionClient inYarn = SessionClient.create(clusterMode, Map.of("name", "it-yarn-killed-driver",
                "conf", conf), SESSION_START);
        String appId = inYarn.view().getString("appId");
        ProcessHandle driver = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains("ApplicationMaster")
                        && process.info().commandLine().orElse("").contains(appId))
                .findFirst().orElseThrow(() -> new AssertionError("no application master JVM for " + appId));

        driver.destroyForcibly();

        await("the session to be dead", Duration.ofSeconds(10),
                () -> inYarn.view().getString("state").equals("dead"));
        assertTrue(inYarn.log().contains("livy: "), inYarn.log());
        await("YARN to report " + appId + " ended", Duration.ofSeconds(90),
                () -> List.of("FINISHED", "FAILED", "KILLED").contains(yarn.application(appId).path("state")
                        .asText()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A zip (or jar) holding one text file. */
    private static byte[] zip(String name, String content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(bytes(content));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private LivyServerProcess server(String deployMode) throws Exception {
        return LivyServerProcess.start(Map.of("livy.spark.master", "yarn", "livy.spark.deploy-mode", deployMode,
                "livy.file.local-dir-whitelist", jobs.toString(), "livy.server.yarn.poll-interval", "1s"),
                yarn.serverEnvironment());
    }

    private static Map<String, String> batchConf() {
        Map<String, String> conf = new HashMap<>(SMALL_APPLICATION);
        conf.put("spark.yarn.submit.waitAppCompletion", "false");
        conf.put("spark.executor.instances", "1");
        return conf;
    }

    private int submit(Map<String, Object> request) {
        return clusterMode.http().body(request).post("/batches").then().statusCode(201).extract().jsonPath()
                .getInt("id");
    }

    private String state(int id) {
        return clusterMode.http().get("/batches/" + id + "/state").jsonPath().getString("state");
    }

    private String log(int id) {
        return String.join("\n", clusterMode.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }
}
