package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.it.LivyServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A session in cluster deploy mode on a Spark standalone cluster: the master starts its driver in a worker (a
 * process apart from the server and spark-submit), which still reaches the server over the channel; one shared
 * session used from Python, Scala and SQL, whose driver's own output reaches the session's log over the channel,
 * then deleted, after which the master lists its driver and application as completed. Then batches, each its
 * driver on the master: one that succeeds, ones that fail (an exception, a main class that does not exist), and
 * one deleted while it runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedClusters.class)
class StandaloneClusterModeIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    /** Generous: a worker starts each driver in a JVM of its own, slow on a loaded machine. */
    private static final Duration BATCH_END = Duration.ofMinutes(5);
    /** A driver and one executor fit in the two workers (2 cores, 1536 MB each) beside nothing else. */
    private static final Map<String, String> SESSION_CONF = Map.of("spark.cores.max", "1",
            "spark.executor.cores", "1", "spark.ui.enabled", "false");

    private StandaloneCluster cluster;
    private LivyServerProcess server;
    private SessionClient session;
    private Path jobs;
    private Path jar;

    @BeforeAll
    void startServerAndSession(StandaloneCluster cluster) throws Exception {
        this.cluster = cluster;
        jobs = Files.createTempDirectory("livy-it-standalone-jobs-").toRealPath();
        jar = Files.copy(sparkAppJar(), jobs.resolve("spark-app.jar"));
        server = LivyServerProcess.start(Map.of("livy.spark.master", cluster.masterUrl(),
                "livy.spark.deploy-mode", "cluster", "livy.file.local-dir-whitelist", jobs.toString(),
                "livy.server.standalone.master-ui-url", cluster.masterUiUrl(),
                "livy.server.standalone.poll-interval", "1s"));
        session = SessionClient.create(server, Map.of("name", "it-standalone-cluster", "driverMemory", "512m",
                "executorMemory", "512m", "conf", SESSION_CONF), SESSION_START);
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theDriverRunsInAWorkerAndTheSessionIsAnApplicationOfTheMaster() throws Exception {
        String appId = session.view().getString("appId");
        assertTrue(appId.startsWith("app-"), "appId " + appId);
        assertEquals(List.of(appId), cluster.activeApplications());
        List<String> drivers = cluster.activeDrivers();
        assertEquals(1, drivers.size(), cluster.masterState().toString());

        String driverDirectory = session.text("pyspark", "import os\nprint(os.getcwd())").strip();
        assertTrue(driverDirectory.equals(workerDirectory(1, drivers.get(0)))
                || driverDirectory.equals(workerDirectory(2, drivers.get(0))), driverDirectory);
    }

    @Test
    @Order(2)
    void pythonScalaAndSqlRunWithWorkOnTheExecutors() throws Exception {
        assertEquals("30", session.text("pyspark", "print(sc.parallelize(range(1, 5), 2).map(lambda x: x * x).sum())")
                .strip());
        assertTrue(session.text("spark", "sc.parallelize(1 to 4, 2).map(i => i * 2).sum()").endsWith("= 20.0\n"));
        session.text("sql", "CREATE OR REPLACE TEMP VIEW numbers AS SELECT id FROM range(10)");
        assertEquals("45", session.text("pyspark", "print(spark.table('numbers').groupBy().sum('id').first()[0])")
                .strip());
    }

    @Test
    @Order(3)
    void whatTheDriverWritesToItsOwnStreamsShowsInTheSessionsLog() throws Exception {
        session.text("spark", "System.err.println(\"written to the driver's stderr in \" + "
                + "new java.io.File(\".\").getCanonicalFile.getName)");

        String driver = cluster.activeDrivers().get(0);
        await("the driver's line in the session's log", Duration.ofSeconds(30),
                () -> session.log().contains("written to the driver's stderr in " + driver));
        assertTrue(session.log().contains("INFO DriverRuntime: REPL driver ready"), "its log4j lines too: "
                + session.log());
    }

    @Test
    @Order(4)
    void deletingTheSessionEndsItsDriverAndApplicationOnTheMaster() throws Exception {
        String appId = session.view().getString("appId");
        String driver = cluster.activeDrivers().get(0);

        session.delete();

        await("the master to list " + driver + " and " + appId + " completed", Duration.ofSeconds(60),
                () -> cluster.completedDrivers().contains(driver) && cluster.activeDrivers().isEmpty()
                        && cluster.completedApplications().contains(appId));
    }

    @Test
    @Order(5)
    void aBatchIsItsDriverOnTheMasterAndSucceedsWhenTheDriverFinishes() throws Exception {
        int id = submit(Map.of("file", jar.toString(), "className", "dev.livy.it.app.SleepingApp",
                "args", List.of("1")));

        String state = awaitEnd(id);

        String driver = server.http().get("/batches/" + id).jsonPath().getString("appId");
        assertEquals("success", state, log(id));
        assertTrue(driver.startsWith("driver-"), driver);
        assertEquals("FINISHED", cluster.driverState(driver), cluster.masterState().toString());
        String driverLog = server.http().get("/batches/" + id).jsonPath().getString("appInfo.driverLogUrl");
        assertTrue(log(id).contains("livy: the driver runs in the cluster; its log: " + driverLog), log(id));
        assertTrue(readUrl(driverLog.replace("/logPage/", "/log/").replace("logType=stderr", "logType=stdout"))
                .contains("SleepingApp sleeps 1 s"), driverLog);
    }

    @Test
    @Order(6)
    void aBatchWhoseDriverThrowsOrCannotStartIsDeadWithTheReasonInItsLog() throws Exception {
        int throwing = submit(Map.of("file", jar.toString(), "className", "dev.livy.it.app.WordCountApp"));
        int missing = submit(Map.of("file", jar.toString(), "className", "dev.livy.it.app.NoSuchApp"));

        assertEquals("dead", awaitEnd(throwing), log(throwing));
        assertEquals("dead", awaitEnd(missing), log(missing));

        assertTrue(log(throwing).contains("FAILED on worker-")
                && log(throwing).contains("IllegalArgumentException: usage: WordCountApp"), log(throwing));
        assertTrue(log(missing).contains("ClassNotFoundException: dev.livy.it.app.NoSuchApp"), log(missing));
    }

    @Test
    @Order(7)
    void deletingARunningBatchKillsItsDriverOnTheMaster() throws Exception {
        int id = submit(Map.of("file", jar.toString(), "className", "dev.livy.it.app.SleepingApp",
                "args", List.of("600")));
        await("the batch to run", BATCH_END, () -> state(id).equals("running"));
        String driver = server.http().get("/batches/" + id).jsonPath().getString("appId");

        server.http().delete("/batches/" + id).then().statusCode(200);

        await("the master to list " + driver + " KILLED and no driver active", Duration.ofMinutes(2),
                () -> cluster.driverState(driver).equals("KILLED") && cluster.activeDrivers().isEmpty());
    }

    private int submit(Map<String, Object> batch) {
        Map<String, Object> request = new HashMap<>(batch);
        request.put("driverMemory", "512m");
        request.put("executorMemory", "512m");
        request.put("conf", SESSION_CONF);
        return server.http().body(request).post("/batches").then().statusCode(201).extract().jsonPath().getInt("id");
    }

    private String awaitEnd(int id) throws Exception {
        await("batch " + id + " to end", BATCH_END,
                () -> List.of("success", "dead", "killed").contains(state(id)));
        return state(id);
    }

    private String state(int id) {
        return server.http().get("/batches/" + id + "/state").jsonPath().getString("state");
    }

    private String log(int id) {
        return String.join("\n", server.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }

    private static String readUrl(String url) throws Exception {
        try (InputStream in = URI.create(url).toURL().openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Path sparkAppJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().endsWith("-spark-app.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("target/*-spark-app.jar is missing: mvn package"));
        }
    }

    private String workerDirectory(int worker, String driverId) throws Exception {
        return cluster.workerDirectory(worker).toRealPath().resolve(driverId).toString();
    }
}
