package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One sparkr session on real Spark with real R and SparkR (bin/provision-sparkr put SparkR in the provisioned
 * Spark home), used by the tests of this class in order as a notebook would; R shares its SparkSession with the
 * session's Python. The same server has two more Spark homes, linked to the provisioned one but for SparkR: one
 * that ships SparkR only as R/lib/sparkr.zip, and one without SparkR, which finds it in the R library that
 * livy.server.sparkr.library names; a sparkr session on each comes after the first one (R workers that Spark starts
 * for R data frames must connect back within 10 s, too short with more drivers starting on a loaded machine).
 * Every session is deleted and the server stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkRSessionIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(2);

    private final String appName = "it-sparkr-" + UUID.randomUUID().toString().substring(0, 8);
    private Path sparkHome;
    private Path zipOnlyHome;
    private Path withoutSparkRHome;
    private LivyServerProcess server;
    private int sessionId;

    @BeforeAll
    void startServerAndSession() throws Exception {
        Map<String, String> provisioned = ProvisionedSpark.provision();
        sparkHome = Path.of(provisioned.get("SPARK_HOME"));
        zipOnlyHome = SparkHomeCopies.withSparkRZipOnly(sparkHome);
        withoutSparkRHome = SparkHomeCopies.withoutR(sparkHome);
        server = LivyServerProcess.start(Map.of("livy.server.spark.versions", "zip,library",
                "livy.server.spark.zip.home", zipOnlyHome.toString(),
                "livy.server.spark.zip.python", provisioned.get("PYSPARK_PYTHON"),
                "livy.server.spark.library.home", withoutSparkRHome.toString(),
                "livy.server.spark.library.python", provisioned.get("PYSPARK_PYTHON"),
                "livy.server.sparkr.library", sparkHome.resolve("R/lib").toString()),
                Map.of("SPARK_HOME", sparkHome.toString()));
        long start = System.nanoTime();
        sessionId = createSparkRSession(appName, "default");
        LivyServerProcess.awaitIdle(server::http, sessionId, SESSION_START);
        System.out.printf("SparkRSessionIT: sparkr session idle after %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
        for (Path copy : new Path[] {zipOnlyHome, withoutSparkRHome}) {
            if (copy != null) {
                SparkHomeCopies.delete(copy);
            }
        }
    }

    @Test
    @Order(1)
    void valuesAndPrintedOutputAreText() throws Exception {
        long start = System.nanoTime();
        assertEquals("[1] 2", textOf(run("1 + 1")));
        System.out.printf("SparkRSessionIT: first R statement took %d ms%n",
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        assertEquals("[1] \"hello\"\n[1] 3", textOf(run("print(\"hello\")\nx <- 3\nx")));
        assertEquals("a\tb\n  n letter\n1 1      x\n2 2      y",
                textOf(run("cat(\"a\\tb\\n\")\ndata.frame(n = 1:2, letter = c(\"x\", \"y\"))")));
    }

    @Test
    @Order(2)
    void sqlAndCollectRunOnTheSessionsSpark() throws Exception {
        assertEquals("  one letter\n1   1      a",
                textOf(run("collect(sql(\"SELECT 1 AS one, 'a' AS letter\"))")));
        assertEquals("[1] 6", textOf(run("df <- createDataFrame(data.frame(n = 1:3))\n"
                + "collect(agg(df, total = sum(df$n)))$total")));
    }

    @Test
    @Order(3)
    void anErrorIsAnErrorOutputAndRGoesOn() throws Exception {
        JsonPath failed = run("y <- 1\nstop(\"boom\")");

        assertEquals("error", failed.getString("output.status"), failed.prettify());
        assertEquals("Error", failed.getString("output.ename"));
        assertEquals("boom", failed.getString("output.evalue"));
        assertEquals(List.of("Error: boom\n"), failed.getList("output.traceback", String.class));
        JsonPath missing = run("no_such_function(1)");
        assertEquals("could not find function \"no_such_function\"", missing.getString("output.evalue"));
        assertEquals("[1] 1", textOf(run("y")));
    }

    @Test
    @Order(4)
    void aPlotIsAPng() throws Exception {
        JsonPath plot = run("plot(1:10)");

        assertEquals("ok", plot.getString("output.status"), plot.prettify());
        byte[] png = Base64.getDecoder().decode(plot.getString("output.data.'image/png'"));
        assertTrue(png.length > 8 && png[0] == (byte) 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
                plot.prettify());
    }

    @Test
    @Order(5)
    void tempViewsCrossBetweenPythonAndR() throws Exception {
        assertEquals("ok", run("pyspark", "spark.createDataFrame([(1, 'a'), (2, 'b')], ['n', 's'])"
                + ".createOrReplaceTempView('py_view')").getString("output.status"));

        assertEquals("[1] \"a\" \"b\"", textOf(run("collect(sql(\"SELECT s FROM py_view ORDER BY n\"))$s")));
        textOf(run("createOrReplaceTempView(createDataFrame(data.frame(k = \"from R\", v = 5L)), \"r_view\")"));
        assertEquals("'from R'", textOf(run("pyspark", "spark.table('r_view').first().k")));
    }

    @Test
    @Order(6)
    void completionNamesSparkRFunctions() {
        List<String> candidates = server.http().body(Map.of("code", "collec", "kind", "sparkr", "cursor", 6))
                .post("/sessions/" + sessionId + "/completion").then().statusCode(200).extract().jsonPath()
                .getList("candidates", String.class);

        assertTrue(candidates.contains("collect"), candidates.toString());
    }

    @Test
    @Order(7)
    void cancelInterruptsALongLoopAndRGoesOn() throws Exception {
        int id = submit("sparkr", "i <- 0\nwhile (TRUE) i <- i + 1");
        await("the loop to run", STATEMENT, () -> statement(id).getString("state").equals("running"));

        server.http().post("/sessions/" + sessionId + "/statements/" + id + "/cancel").then().statusCode(200);

        await("the loop to be cancelled", Duration.ofSeconds(30),
                () -> statement(id).getString("state").equals("cancelled"));
        assertEquals("[1] TRUE", textOf(run("i > 0")));
    }

    @Test
    @Order(8)
    void cancelStopsTheSparkJobsOfAnRStatement() throws Exception {
        int id = submit("sparkr", "collect(sql(\"SELECT count(*) FROM range(0, 1000000000000, 1, 2000)\"))");
        await("the query's job to make progress", STATEMENT, () -> statement(id).getDouble("progress") > 0.0);

        server.http().post("/sessions/" + sessionId + "/statements/" + id + "/cancel").then().statusCode(200);

        await("the query to be cancelled", Duration.ofSeconds(60),
                () -> statement(id).getString("state").equals("cancelled"));
        await("no Spark job to run any more", Duration.ofSeconds(30), () -> textOf(run("pyspark",
                "len(spark.sparkContext.statusTracker().getActiveJobsIds())")).equals("0"));
        assertEquals("[1] 2", textOf(run("collect(sql(\"SELECT 2 AS two\"))$two")), "SparkR still talks to Spark");
    }

    @Test
    @Order(9)
    void anRKilledFromOutsideFailsItsStatementAndTheNextGetsAFreshR() throws Exception {
        JsonPath killed = run("system(paste(\"kill -9\", Sys.getpid()))");

        assertEquals("error", killed.getString("output.status"), killed.prettify());
        assertEquals("InterpreterError", killed.getString("output.ename"));
        assertTrue(killed.getString("output.evalue").contains("R exited while running this statement"),
                killed.prettify());
        assertEquals("[1] \"from R\"", textOf(run("collect(sql(\"SELECT k FROM r_view\"))$k")),
                "the fresh R has the same SparkSession");
    }

    @Test
    @Order(10)
    void deleteStopsTheDriverAndR() throws Exception {
        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        List<ProcessHandle> tree = driver.descendants().toList();
        assertTrue(tree.stream().anyMatch(child -> DriverProcesses.commandLine(child).contains("livy_repl.R")),
                "R runs under the driver");

        server.http().delete("/sessions/" + sessionId).then().statusCode(200);

        await("the driver and R to exit", Duration.ofSeconds(30),
                () -> !DriverProcesses.isRunning(driver.pid())
                        && tree.stream().noneMatch(child -> DriverProcesses.isRunning(child.pid())));
    }

    @Test
    @Order(11)
    void sparkRFromASparkHomesZipAndFromTheConfiguredLibraryRunsSql() throws Exception {
        int zipSessionId = createSparkRSession(appName + "-zip", "zip");
        int librarySessionId = createSparkRSession(appName + "-library", "library");
        LivyServerProcess.awaitIdle(server::http, zipSessionId, SESSION_START);
        LivyServerProcess.awaitIdle(server::http, librarySessionId, SESSION_START);
        for (int id : new int[] {zipSessionId, librarySessionId}) {
            assertEquals("[1] 2", textOf(run(id, "sparkr", "1 + 1")));
            assertEquals("  one letter\n1   1      a",
                    textOf(run(id, "sparkr", "collect(sql(\"SELECT 1 AS one, 'a' AS letter\"))")));
        }
        String sparkR = "cat(normalizePath(dirname(find.package(\"SparkR\"))))";
        assertEquals("sparkr-lib", Path.of(textOf(run(zipSessionId, "sparkr", sparkR))).getFileName().toString(),
                "R loads the zip unpacked in its own directory");
        assertEquals(sparkHome.resolve("R/lib").toRealPath().toString(),
                textOf(run(librarySessionId, "sparkr", sparkR)), "R loads the configured library");

        List<ProcessHandle> processes = Stream.of("-zip", "-library")
                .map(suffix -> DriverProcesses.driver(appName + suffix).orElseThrow())
                .flatMap(driver -> Stream.concat(Stream.of(driver), driver.descendants())).toList();
        for (int id : new int[] {zipSessionId, librarySessionId}) {
            server.http().delete("/sessions/" + id).then().statusCode(200);
        }
        await("the drivers and R to exit", Duration.ofSeconds(60),
                () -> processes.stream().noneMatch(process -> DriverProcesses.isRunning(process.pid())));
    }

    private int createSparkRSession(String name, String spark) {
        return server.http().body(Map.of("kind", "sparkr", "name", name,
                "conf", Map.of("spark.ui.enabled", "false", "livy.spark.version", spark))).post("/sessions")
                .then().statusCode(201).extract().jsonPath().getInt("id");
    }

    private int submit(String kind, String code) {
        return submit(sessionId, kind, code);
    }

    private int submit(int session, String kind, String code) {
        return server.http().body(Map.of("code", code, "kind", kind))
                .post("/sessions/" + session + "/statements").then().statusCode(201).extract().jsonPath()
                .getInt("id");
    }

    private JsonPath run(String code) throws Exception {
        return run("sparkr", code);
    }

    private JsonPath run(String kind, String code) throws Exception {
        return run(sessionId, kind, code);
    }

    private JsonPath run(int session, String kind, String code) throws Exception {
        int id = submit(session, kind, code);
        await("statement " + id + " to be available", STATEMENT, () -> {
            String state = statement(session, id).getString("state");
            if (state.equals("error") || state.equals("cancelled")) {
                throw new AssertionError("statement " + id + " ended " + state + ": "
                        + statement(session, id).prettify());
            }
            return state.equals("available");
        });
        return statement(session, id);
    }

    private JsonPath statement(int id) {
        return statement(sessionId, id);
    }

    private JsonPath statement(int session, int id) {
        return server.http().get("/sessions/" + session + "/statements/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String textOf(JsonPath statement) {
        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        String text = statement.getString("output.data.'text/plain'");
        assertFalse(text == null, statement.prettify());
        return text;
    }
}
