package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged server with recovery on the ZooKeeper store (a real ZooKeeper, Curator's testing server, in this
 * JVM; {@link BatchRecoveryIT} and the embedded default use the filesystem store; the driver channel's port stored)
 * is killed with SIGKILL while it holds an idle pyspark session with a temp view and two statements, a
 * Scala session running a 20-second statement and a SQL session; started again on the same conf, it has every
 * session back with its statements, the drivers reconnect, and nothing is lost. Then the same after a graceful
 * stop, with one driver killed while no server ran (its session dead, saying why); and a server away longer than a
 * short reconnect timeout (its driver exits by itself). The server keeps a warm pool of one pyspark driver, and a
 * pyspark session that took a pooled driver survives the SIGKILL too, while the pool's spare is not recovered. The
 * sessions are shared by the tests of this class in order; every session is deleted (its driver gone, checked with
 * ps) before the server stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionRecoveryIT {
    private static final Duration SESSION_START = Duration.ofMinutes(4);
    private static final Duration STATEMENT = Duration.ofMinutes(2);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    private final String prefix = "it-recovery-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<Integer> created = new ArrayList<>();
    private TestingServer zooKeeper;
    private LivyServerProcess server;
    private Path applications;
    private int pooled;
    private ProcessHandle poolSpare;
    private List<ProcessHandle> poolSpareTree;
    private int python;
    private int scala;
    private int sql;
    private int longStatement;
    private List<Object> pythonStatementsBefore;

    @BeforeAll
    void startServerWithSessions() throws Exception {
        zooKeeper = new TestingServer(true);
        applications = Files.createTempDirectory("livy-it-applications-").toRealPath();
        server = LivyServerProcess.start(Map.of(
                "livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store", "zookeeper",
                "livy.server.zookeeper.url", zooKeeper.getConnectString(),
                "livy.server.recovery.zk-state-store.auth", "livy:it-secret",
                "livy.server.recovery.applications-dir", applications.toString(),
                "livy.rsc.server.reconnect-timeout", "10m",
                "livy.server.session.pool.size", "1",
                "livy.server.session.pool.kinds", "pyspark",
                "livy.server.session.pool.refill-delay", "0s"));
        awaitPooledDriverReady(1);
        pooled = server.http().body(Map.of("kind", "pyspark", "name", prefix + "-pooled")).post("/sessions").then()
                .statusCode(201).extract().jsonPath().getInt("id");
        created.add(pooled);
        python = createSession("pyspark", prefix + "-py");
        scala = createSession("spark", prefix + "-scala");
        sql = createSession("sql", prefix + "-sql");
        for (int id : List.of(pooled, python, scala, sql)) {
            LivyServerProcess.awaitIdle(server::http, id, SESSION_START);
        }
        assertEquals("true", server.http().get("/sessions/" + pooled).jsonPath().getString("appInfo.pooled"));
        awaitPooledDriverReady(2);
        poolSpare = pooledDrivers().stream().filter(process -> DriverProcesses.commandLine(process)
                .contains("--name livy-pool-2 ")).findFirst().orElseThrow();
        poolSpareTree = Stream.concat(Stream.of(poolSpare), poolSpare.descendants()).toList();
    }

    @AfterAll
    void deleteSessionsAndStopServer() throws Exception {
        try (TestingServer stopped = zooKeeper) {
            if (server == null) {
                return;
            }
            try {
                for (int id : created) {
                    server.http().delete("/sessions/" + id);
                }
                await("every driver of this test to stop", Duration.ofMinutes(1), () -> DriverProcesses
                        .runningWith(prefix).isEmpty());
            } finally {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void aKilledServerGetsEverySessionBackWithItsStatements() throws Exception {
        assertEquals("available", run(python, "spark.range(5).createOrReplaceTempView('five')").getString("state"));
        assertEquals("available", run(python, "answer = 41").getString("state"));
        assertEquals("available", run(pooled, "pooled_answer = 6 * 7").getString("state"));
        pythonStatementsBefore = server.http().get("/sessions/" + python + "/statements").jsonPath()
                .getList("statements");
        longStatement = submit(scala, "Thread.sleep(20000); 6 * 7");
        await("the long statement to run", STATEMENT, () -> statement(scala, longStatement).getString("state")
                .equals("running"));

        server.killHard();
        server.restart();

        await("every session to be back", RECOVERY, () -> {
            JsonPath sessions = server.http().get("/sessions").jsonPath();
            return sessions.getList("sessions.id", Integer.class).containsAll(List.of(python, scala, sql));
        });
        JsonPath pySession = server.http().get("/sessions/" + python).jsonPath();
        assertEquals("pyspark", pySession.getString("kind"));
        assertEquals(prefix + "-py", pySession.getString("name"));
        assertEquals("spark", server.http().get("/sessions/" + scala).jsonPath().getString("kind"));
        assertEquals("sql", server.http().get("/sessions/" + sql).jsonPath().getString("kind"));
        assertEquals(pythonStatementsBefore, server.http().get("/sessions/" + python + "/statements").jsonPath()
                .getList("statements"));
        for (int id : List.of(python, scala, sql)) {
            await("session " + id + " to have its driver back", RECOVERY, () -> List.of("idle", "busy")
                    .contains(server.http().get("/sessions/" + id + "/state").jsonPath().getString("state")));
        }
    }

    @Test
    @Order(2)
    void theLongStatementsResultArrivesOnceItFinishes() throws Exception {
        await("the long statement to finish", STATEMENT, () -> statement(scala, longStatement).getString("state")
                .equals("available"));
        assertTrue(statement(scala, longStatement).getString("output.data.'text/plain'").contains("42"),
                statement(scala, longStatement).prettify());
    }

    @Test
    @Order(3)
    void theDriversKeptTheirStateAndStillAnswer() throws Exception {
        assertEquals("5", run(python, "spark.sql('select count(*) from five').collect()[0][0]")
                .getString("output.data.'text/plain'"));
        assertEquals("42", run(python, "answer + 1").getString("output.data.'text/plain'"));
        assertEquals("ok", run(sql, "select 'ok' as answer").getList("output.data.'application/json'.data[0]")
                .get(0));
    }

    @Test
    @Order(4)
    void aSessionThatTookAPooledDriverIsBackAndThePoolsSpareIsNot() throws Exception {
        await("the pooled session to have its driver back", RECOVERY, () -> List.of("idle", "busy")
                .contains(server.http().get("/sessions/" + pooled + "/state").jsonPath().getString("state")));
        assertEquals("42", run(pooled, "pooled_answer").getString("output.data.'text/plain'"));
        assertTrue(created.containsAll(server.http().get("/sessions").jsonPath().getList("sessions.id",
                Integer.class)), "no session but the created ones: the pool's spare is none");
        await("the first server's spare pooled driver to exit", Duration.ofMinutes(1),
                () -> !DriverProcesses.isRunning(poolSpare.pid()));
        // The pool numbers its drivers on from the store's count: 1 was taken, 2 was the killed server's spare.
        awaitPooledDriverReady(3);
        List<ProcessHandle> pooledDrivers = pooledDrivers();
        assertEquals(2, pooledDrivers.size(), "the pooled drivers: the session's and the new pool's, no other: "
                + pooledDrivers.stream().map(DriverProcesses::commandLine).toList());
        ProcessHandle taken = pooledDrivers.stream().filter(process -> DriverProcesses.commandLine(process)
                .contains("--name livy-pool-1 ")).findFirst().orElseThrow();
        ProcessHandle newSpare = pooledDrivers.stream().filter(process -> DriverProcesses.commandLine(process)
                .contains("--name livy-pool-3 ")).findFirst().orElseThrow();
        assertTrue(poolSpareTree.stream().noneMatch(process -> DriverProcesses.isRunning(process.pid())),
                "nothing left of the killed server's spare (its Python included)");
        Path takenDirectory = workingDirectory(taken);
        assertNotEquals(takenDirectory, workingDirectory(newSpare), "each pooled driver has a directory of its own");

        server.http().delete("/sessions/" + pooled).then().statusCode(200);

        await("the pooled session's driver to exit", Duration.ofMinutes(1),
                () -> !DriverProcesses.isRunning(taken.pid()));
        await("its directory (with its secret) to be removed", Duration.ofSeconds(30),
                () -> !Files.exists(takenDirectory));
        assertTrue(newSpare.isAlive(), "the new pool's driver is untouched");
    }

    @Test
    @Order(5)
    void aNewSessionGetsAnIdAboveEveryEarlierOne() throws Exception {
        int next = createSession("sql", prefix + "-next");
        assertTrue(next > Math.max(python, Math.max(scala, sql)), "new id " + next);
    }

    @Test
    @Order(6)
    void aGracefulStopLeavesTheDriversToTheNextServerAndADriverKilledMeanwhileIsDead() throws Exception {
        ProcessHandle sqlDriver = DriverProcesses.driver(prefix + "-sql").orElseThrow();
        assertEquals(0, server.script("stop").exitCode());
        assertTrue(DriverProcesses.driver(prefix + "-py").isPresent(), "the stop left the drivers running");
        sqlDriver.destroyForcibly();
        sqlDriver.onExit().get(30, TimeUnit.SECONDS);

        server.restart();

        await("the sessions to be back", RECOVERY, () -> List.of("idle", "busy").contains(
                server.http().get("/sessions/" + python + "/state").jsonPath().getString("state")));
        assertEquals("42", run(python, "answer + 1").getString("output.data.'text/plain'"));
        assertEquals("dead", server.http().get("/sessions/" + sql + "/state").jsonPath().getString("state"));
        assertTrue(server.http().get("/sessions/" + sql + "/log?size=-1").asString()
                .contains("was gone when the server restarted"));
    }

    @Test
    @Order(7)
    void aDriverWhoseServerStaysAwayLongerThanTheReconnectTimeoutExitsAndItsSessionIsDead() throws Exception {
        for (int id : created) {
            server.http().delete("/sessions/" + id);
        }
        await("the earlier drivers to stop", Duration.ofMinutes(1), () -> DriverProcesses.runningWith(prefix)
                .isEmpty());
        assertEquals(0, server.script("stop").exitCode());
        Path conf = Path.of(server.environment().get("LIVY_CONF_DIR"), "livy.conf");
        Files.writeString(conf, Files.readString(conf).replace("livy.rsc.server.reconnect-timeout = 10m",
                "livy.rsc.server.reconnect-timeout = 20s"));
        server.restart();
        int shortLived = createSession("sql", prefix + "-short");
        LivyServerProcess.awaitIdle(server::http, shortLived, SESSION_START);
        ProcessHandle driver = DriverProcesses.driver(prefix + "-short").orElseThrow();

        assertEquals(0, server.script("stop").exitCode());

        driver.onExit().get(2, TimeUnit.MINUTES);
        await("no process of the driver left", Duration.ofSeconds(30), () -> DriverProcesses.runningWith(
                prefix + "-short").isEmpty());
        server.restart();
        await("the session to be back", RECOVERY, () -> server.http().get("/sessions").jsonPath()
                .getList("sessions.id", Integer.class).contains(shortLived));
        assertEquals("dead", server.http().get("/sessions/" + shortLived + "/state").jsonPath().getString("state"));
    }

    private void awaitPooledDriverReady(int n) throws Exception {
        await("pooled driver " + n + " to be ready", SESSION_START,
                () -> server.serverLog().contains("Pooled driver " + n + " ready"));
    }

    /** The driver JVMs of this server's warm pool (bound or not): in a directory of its applications'. */
    private List<ProcessHandle> pooledDrivers() {
        return DriverProcesses.allDriverProcesses().stream()
                .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .filter(process -> DriverProcesses.commandLine(process).contains("--name livy-pool-"))
                .filter(process -> {
                    try {
                        return workingDirectory(process).startsWith(applications);
                    } catch (Exception gone) {
                        return false;
                    }
                }).toList();
    }

    private static Path workingDirectory(ProcessHandle process) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(process.pid()), "cwd"));
    }

    private int createSession(String kind, String name) {
        int id = server.http().body(Map.of("kind", kind, "name", name,
                        "conf", Map.of("spark.ui.enabled", "false"))).post("/sessions").then().statusCode(201)
                .extract().jsonPath().getInt("id");
        created.add(id);
        return id;
    }

    private int submit(int session, String code) {
        return server.http().body(Map.of("code", code)).post("/sessions/" + session + "/statements").then()
                .statusCode(201).extract().jsonPath().getInt("id");
    }

    private JsonPath statement(int session, int statement) {
        return server.http().get("/sessions/" + session + "/statements/" + statement).jsonPath();
    }

    private JsonPath run(int session, String code) throws Exception {
        int id = submit(session, code);
        await("statement " + id + " of session " + session, STATEMENT, () -> List.of("available", "error")
                .contains(statement(session, id).getString("state")));
        return statement(session, id);
    }
}
