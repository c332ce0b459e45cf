package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.it.LivyServerProcess;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sessions and a batch in client deploy mode on a Spark standalone cluster (a master and two worker JVMs): one
 * shared session, with the executors its resources ask for, used from Python, Scala and SQL in order as a notebook
 * would, whose work runs in executors the workers start and is cancelled there; then deleted, after which the
 * master lists its application as completed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedClusters.class)
class StandaloneClientModeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    /** Two executors of one core each, so a second application (the batch) finds cores free too. */
    private static final Map<String, String> SMALL_APPLICATION = Map.of("spark.cores.max", "2",
            "spark.executor.cores", "1", "spark.executor.memory", "512m", "spark.ui.enabled", "false");

    /** The session's UI stays on: Spark's status API tells which tasks its executors run. */
    private static final Map<String, String> SESSION_CONF = Map.of("spark.cores.max", "2");

    private StandaloneCluster cluster;
    private Path jobs;
    private LivyServerProcess server;
    private SessionClient session;
    private String appId;

    @BeforeAll
    void startServerAndSession(StandaloneCluster cluster) throws Exception {
        this.cluster = cluster;
        jobs = Files.createTempDirectory("livy-it-standalone-jobs-").toRealPath();
        server = LivyServerProcess.start(Map.of("livy.spark.master", cluster.masterUrl(),
                "livy.file.local-dir-whitelist", jobs.toString()));
        session = SessionClient.create(server, Map.of("name", "it-standalone", "executorMemory", "512m",
                "executorCores", 1, "conf", SESSION_CONF),
                SESSION_START);
        appId = session.view().getString("appId");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theSessionIsAnApplicationOfTheMaster() throws Exception {
        assertTrue(appId.startsWith("app-"), "appId " + appId);
        assertEquals(List.of(appId), cluster.activeApplications());
        JsonNode application = cluster.masterState().path("activeapps").get(0);
        assertEquals("it-standalone", application.path("name").asText(), application.toString());
        assertEquals(512, application.path("memoryperexecutor").asInt(), application.toString());
        await("two executors of one core (executorCores) each", Duration.ofSeconds(60),
                () -> executorCores(executorsUrl()).equals(List.of(1, 1)));
    }

    @Test
    @Order(2)
    void pythonLambdasAndUdfsRunInTheWorkersExecutors() throws Exception {
        String lambdas = session.text("pyspark", """
                import os
                print(sorted(set(sc.parallelize(range(8), 4).map(lambda x: os.getcwd()).collect())))""");
        assertTrue(lambdas.contains(workerDirectory(1)) || lambdas.contains(workerDirectory(2)), lambdas);

        String udf = session.text("pyspark", """
                from pyspark.sql.functions import udf
                square = udf(lambda x: x * x, 'long', useArrow=False)
                print(spark.range(1, 5).select(square('id').alias('s')).groupBy().sum('s').first()[0])""");
        assertEquals("30", udf.strip());
    }

    @Test
    @Order(3)
    void aCaseClassAndAFunctionOfTheSessionWorkInExecutors() throws Exception {
        session.text("spark", "case class Point(x: Int, y: Int)");
        session.text("spark", "def norm(p: Point): Int = p.x * p.x + p.y * p.y");

        String sum = session.text("spark", "sc.parallelize(1 to 4, 4).map(i => norm(Point(i, 1))).collect().sum");
        String places = session.text("spark", "sc.parallelize(1 to 4, 4).map(i => new java.io.File(\".\")"
                + ".getCanonicalPath).collect().distinct.mkString(\"\\n\")");

        assertTrue(sum.endsWith("Int = 34\n"), sum);
        assertTrue(places.contains(workerDirectory(1)) || places.contains(workerDirectory(2)), places);
    }

    @Test
    @Order(4)
    void aViewFromSqlIsReadByPythonAndScala() throws Exception {
        session.text("sql", "CREATE OR REPLACE TEMP VIEW numbers AS SELECT id FROM range(10)");

        assertEquals("45", session.text("pyspark", "print(spark.table('numbers').groupBy().sum('id').first()[0])")
                .strip());
        assertTrue(session.text("spark", "spark.table(\"numbers\").count()").endsWith("Long = 10\n"));
    }

    @Test
    @Order(5)
    void aBatchRunsOnTheClusterToSuccess() throws Exception {
        Path program = Files.writeString(jobs.resolve("squares.py"), """
                import os
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                print("RESULT", spark.sparkContext.parallelize(range(1, 11), 2).map(lambda x: x * x).sum())
                print("EXECUTOR DIRECTORY", spark.sparkContext.parallelize([0], 1).map(lambda x: os.getcwd()).first())
                spark.stop()
                """);
        int id = server.http().body(Map.of("file", program.toString(), "conf", SMALL_APPLICATION)).post("/batches")
                .then().statusCode(201).extract().jsonPath().getInt("id");

        await("the batch to end", Duration.ofMinutes(3), () -> List.of("success", "dead").contains(
                server.http().get("/batches/" + id + "/state").jsonPath().getString("state")));

        String log = String.join("\n", server.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
        String batchAppId = server.http().get("/batches/" + id).jsonPath().getString("appId");
        assertEquals("success", server.http().get("/batches/" + id + "/state").jsonPath().getString("state"), log);
        assertTrue(log.contains("RESULT 385"), log);
        assertTrue(log.contains("EXECUTOR DIRECTORY " + cluster.workerDirectory(1).toRealPath().resolve(batchAppId))
                || log.contains("EXECUTOR DIRECTORY " + cluster.workerDirectory(2).toRealPath().resolve(batchAppId)),
                log);
        assertTrue(cluster.completedApplications().contains(batchAppId), cluster.masterState().toString());
    }

    @Test
    @Order(6)
    void cancellingARunningStatementStopsItsTasksOnTheExecutors() throws Exception {
        String executors = executorsUrl();
        int sleeping = session.submit("pyspark", """
                import time
                sc.parallelize(range(2), 2).map(lambda x: time.sleep(600)).count()""");
        await("both tasks to run on the executors", Duration.ofSeconds(60), () -> activeTasks(executors) == 2);

        session.cancel(sleeping);

        await("the statement to be cancelled", Duration.ofSeconds(30),
                () -> session.statement(sleeping).getString("state").equals("cancelled"));
        long next = System.nanoTime();
        assertEquals("2", session.text("pyspark", "print(1 + 1)").strip());
        assertTrue(Duration.ofNanos(System.nanoTime() - next).toSeconds() < 20, "the next statement ran at once");
        await("the executors to run no task", Duration.ofSeconds(30), () -> activeTasks(executors) == 0);
    }

    @Test
    @Order(7)
    void deletingTheSessionEndsItsApplication() throws Exception {
        session.delete();

        await("the master to list " + appId + " completed", Duration.ofSeconds(60),
                () -> cluster.completedApplications().contains(appId) && !cluster.activeApplications().contains(appId));
    }

    /** Spark's status API of the session's application: its executors. */
    private String executorsUrl() {
        return session.view().getString("appInfo.sparkUiUrl") + "/api/v1/applications/" + appId + "/executors";
    }

    /** Tasks running now in the application's executors, as Spark's status API tells. */
    private static int activeTasks(String executorsUrl) throws Exception {
        return executors(executorsUrl).stream().mapToInt(executor -> executor.path("activeTasks").asInt()).sum();
    }

    private static List<Integer> executorCores(String executorsUrl) throws Exception {
        return executors(executorsUrl).stream().map(executor -> executor.path("totalCores").asInt()).toList();
    }

    private static List<JsonNode> executors(String executorsUrl) throws Exception {
        JsonNode executors = JSON.readTree(URI.create(executorsUrl).toURL());
        return StreamSupport.stream(executors.spliterator(), false)
                .filter(executor -> !executor.path("id").asText().equals("driver")).toList();
    }

    private String workerDirectory(int worker) throws Exception {
        return cluster.workerDirectory(worker).toRealPath().resolve(appId).toString();
    }
}
