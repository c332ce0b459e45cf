package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.it.LivyServerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * then deleted, after which the master lists its driver and application as completed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedClusters.class)
class StandaloneClusterModeIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    /** A driver and one executor fit in the two workers (2 cores, 1536 MB each) beside nothing else. */
    private static final Map<String, String> SESSION_CONF = Map.of("spark.cores.max", "1",
            "spark.executor.cores", "1", "spark.ui.enabled", "false");

    private StandaloneCluster cluster;
    private LivyServerProcess server;
    private SessionClient session;

    @BeforeAll
    void startServerAndSession(StandaloneCluster cluster) throws Exception {
        this.cluster = cluster;
        server = LivyServerProcess.start(Map.of("livy.spark.master", cluster.masterUrl(),
                "livy.spark.deploy-mode", "cluster"));
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

    private String workerDirectory(int worker, String driverId) throws Exception {
        return cluster.workerDirectory(worker).toRealPath().resolve(driverId).toString();
    }
}
