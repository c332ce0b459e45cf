package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Spark 3.5 (Scala 2.12) beside the default Spark 4.x in one packaged server: one shared session on 3.5 used from
 * Python, Scala and SQL by the tests of this class in order, a 4.x session running beside it, a batch on 3.5, and
 * a request for a Spark the server does not have. Every session is deleted and the server stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class Spark35IT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> ON_35 = Map.of("livy.spark.version", ProvisionedSpark.NAME_35,
            "spark.ui.enabled", "false");

    private final String appName = "it-spark35-" + UUID.randomUUID().toString().substring(0, 8);
    private Path jobs;
    private LivyServerProcess server;
    private int sessionId;

    @BeforeAll
    void startServerAndSession() throws Exception {
        jobs = Files.createTempDirectory("livy-it-jobs-").toRealPath();
        Map<String, String> conf = new HashMap<>(ProvisionedSpark.withSpark35());
        conf.put("livy.file.local-dir-whitelist", jobs.toString());
        server = LivyServerProcess.start(conf);
        sessionId = createSession(Map.of("name", appName, "conf", ON_35));
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void theSessionRunsOnSpark35AndItsViewSaysSo() throws Exception {
        JsonPath view = server.http().get("/sessions/" + sessionId).then().statusCode(200)
                .body("kind", equalTo("shared")).body("appInfo.sparkName", equalTo("3.5"))
                .extract().jsonPath();
        String version = view.getString("appInfo.sparkVersion");

        assertTrue(version.startsWith("3.5."), view.prettify());
        assertEquals("'" + version + "'", textOf(run(sessionId, "pyspark", "spark.version")));
        assertEquals("'" + version + "'", textOf(run(sessionId, "pyspark", "import pyspark; pyspark.__version__")));
        assertEquals("5", textOf(run(sessionId, "pyspark", "spark.range(5).count()")));
    }

    @Test
    @Order(2)
    void scalaRunsOnScala212AsItsReplEchoes() throws Exception {
        String scala = textOf(run(sessionId, "spark", "util.Properties.versionNumberString"));
        assertTrue(scala.contains("String = 2.12."), scala);
        assertTrue(textOf(run(sessionId, "spark", "val x = 1 + 1")).contains("x: Int = 2"));
        assertEquals("hello from scala\n", textOf(run(sessionId, "spark", "println(\"hello from scala\")")));
        String version = textOf(run(sessionId, "spark", "spark.version"));
        assertTrue(version.contains("String = 3.5."), version);
        assertTrue(textOf(run(sessionId, "spark", "spark.range(3).show()")).contains("| id|"));
    }

    @Test
    @Order(3)
    void scalaCompileErrorsExceptionsAndIncompleteCodeAreErrorOutputs() throws Exception {
        JsonPath compileError = run(sessionId, "spark", "val bad: Int = \"text\"");
        assertEquals("Error", compileError.getString("output.ename"), compileError.prettify());
        assertTrue(compileError.getString("output.evalue").contains("type mismatch"), compileError.prettify());

        JsonPath thrown = run(sessionId, "spark", "throw new IllegalStateException(\"boom\")");
        assertEquals("IllegalStateException", thrown.getString("output.ename"), thrown.prettify());
        assertEquals("boom", thrown.getString("output.evalue"));

        JsonPath incomplete = run(sessionId, "spark", "val open = (1 +");
        assertEquals("Error", incomplete.getString("output.ename"), incomplete.prettify());
        assertTrue(textOf(run(sessionId, "spark", "x")).contains("Int = 2"), "the interpreter survived the errors");
    }

    @Test
    @Order(4)
    void scalaCaseClassesWorkInClosuresAndMagics() throws Exception {
        textOf(run(sessionId, "spark", "case class Point(x: Int, y: Int)"));
        String sum = textOf(run(sessionId, "spark",
                "sc.parallelize(1 to 4, 2).map(i => Point(i, i * i)).collect().map(_.y).sum"));
        assertTrue(sum.endsWith("Int = 30\n"), sum);

        JsonPath table = run(sessionId, "spark", "case class Entry(name: String, n: Int)\n"
                + "val entries = Seq(Entry(\"a\", 1), Entry(\"b\", 2))\n%table entries");
        JsonNode expected = JSON.readTree("{\"headers\":[{\"name\":\"name\",\"type\":\"STRING_TYPE\"},"
                + "{\"name\":\"n\",\"type\":\"INT_TYPE\"}],\"data\":[[\"a\",1],[\"b\",2]]}");
        assertEquals(expected, JSON.readTree(table.prettify()).at("/output/data/application~1vnd.livy.table.v1+json"),
                table.prettify());
        JsonPath json = run(sessionId, "spark", "val entry = Entry(\"c\", 3)\n%json entry");
        assertEquals(Map.of("name", "c", "n", 3), json.getMap("output.data.'application/json'"), json.prettify());
    }

    @Test
    @Order(5)
    void sqlReadsAViewMadeInPythonAndScalaReadsOneMadeInSql() throws Exception {
        textOf(run(sessionId, "pyspark",
                "spark.createDataFrame([(1, 'a'), (2, 'b')], ['n', 's']).createOrReplaceTempView('py_view')"));
        assertEquals(JSON.readTree("[[1,\"a\"],[2,\"b\"]]"),
                jsonOf(run(sessionId, "sql", "SELECT n, s FROM py_view ORDER BY n")).get("data"));

        JsonNode row = jsonOf(run(sessionId, "sql", "SELECT array(1, 2) AS a, map('k', 1) AS m, DATE'2024-02-29' AS d"))
                .get("data").get(0);
        assertEquals(JSON.readTree("[[1,2],{\"k\":1},\"2024-02-29\"]"), row);

        jsonOf(run(sessionId, "sql", "CREATE OR REPLACE TEMP VIEW sql_view AS SELECT 7 AS seven"));
        assertTrue(textOf(run(sessionId, "spark", "spark.table(\"sql_view\").first().getInt(0)"))
                .endsWith("Int = 7\n"));
    }

    @Test
    @Order(6)
    void completionAnswersForScalaPythonAndSql() throws Exception {
        // Scala 2.12's first completion builds its presentation compiler, which may outlast the server's 5 s wait
        // for an answer ([] then); a user presses tab again.
        await("Scala 2.12 to complete spark.ra with range", Duration.ofSeconds(60),
                () -> candidates("spark", "spark.ra").contains("range"));
        assertTrue(candidates("pyspark", "spark.ra").contains("range"), candidates("pyspark", "spark.ra").toString());
        assertTrue(candidates("sql", "SELECT * FROM py_v").contains("py_view"));
    }

    @Test
    @Order(7)
    void aSpark4SessionRunsBesideTheSpark35One() throws Exception {
        String name = "it-spark4-" + UUID.randomUUID().toString().substring(0, 8);
        int spark4 = createSession(Map.of("kind", "pyspark", "name", name, "conf", Map.of("spark.ui.enabled",
                "false")));

        server.http().get("/sessions/" + spark4).then().statusCode(200).body("appInfo.sparkName", equalTo("default"));
        String version = server.http().get("/sessions/" + spark4).jsonPath().getString("appInfo.sparkVersion");
        assertTrue(version.startsWith("4."), version);
        assertEquals("'" + version + "'", textOf(run(spark4, null, "spark.version")));
        assertTrue(textOf(run(sessionId, "pyspark", "spark.version")).startsWith("'3.5."),
                "the Spark 3.5 session is still there and still on 3.5");

        ProcessHandle driver = DriverProcesses.driver(name).orElseThrow();
        server.http().delete("/sessions/" + spark4).then().statusCode(200);
        await("the Spark 4 session's driver to exit", Duration.ofSeconds(30),
                () -> !DriverProcesses.isRunning(driver.pid()));
    }

    @Test
    @Order(8)
    void aSparkTheServerDoesNotHaveIsABadRequestNamingTheOnesItHas() {
        Map<String, Object> conf = Map.of("livy.spark.version", "2.4");
        String session = server.http().body(Map.of("kind", "pyspark", "conf", conf)).post("/sessions")
                .then().statusCode(400).extract().jsonPath().getString("msg");
        String batch = server.http().body(Map.of("file", jobs.resolve("x.py").toString(), "conf", conf))
                .post("/batches").then().statusCode(400).extract().jsonPath().getString("msg");

        assertTrue(session.matches("Unknown Spark '2\\.4' in conf livy\\.spark\\.version; this server has: "
                + "default \\(Spark 4\\.[^)]+\\), 3\\.5 \\(Spark 3\\.5\\.[^)]+\\)\\."), session);
        assertEquals(session, batch);
    }

    @Test
    @Order(9)
    void aBatchRunsOnSpark35() throws Exception {
        Path program = Files.writeString(jobs.resolve("versions.py"), """
                import pyspark
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                print("RESULT", spark.version, pyspark.__version__, spark.range(10).count())
                spark.stop()
                """);
        int id = server.http().body(Map.of("file", program.toString(), "conf", Map.of("livy.spark.version", "3.5")))
                .post("/batches").then().statusCode(201).body("appInfo.sparkName", equalTo("3.5"))
                .extract().jsonPath().getInt("id");

        await("batch " + id + " to end", Duration.ofMinutes(3), () -> {
            String state = server.http().get("/batches/" + id).jsonPath().getString("state");
            return state.equals("success") || state.equals("dead");
        });
        String log = String.join("\n", server.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
        assertEquals("success", server.http().get("/batches/" + id).jsonPath().getString("state"), log);
        String version = server.http().get("/batches/" + id).jsonPath().getString("appInfo.sparkVersion");
        assertTrue(log.contains("RESULT " + version + " " + version + " 10"), log);
    }

    @Test
    @Order(10)
    void deleteStopsTheSpark35Session() throws Exception {
        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        List<ProcessHandle> tree = driver.descendants().toList();

        server.http().delete("/sessions/" + sessionId).then().statusCode(200);

        await("the driver and its children to exit", Duration.ofSeconds(30),
                () -> !DriverProcesses.isRunning(driver.pid())
                        && tree.stream().noneMatch(child -> DriverProcesses.isRunning(child.pid())));
    }

    /** Creates a session, waits until it is idle and prints how long that took. */
    private int createSession(Map<String, Object> body) throws Exception {
        long start = System.nanoTime();
        int id = server.http().body(body).post("/sessions").then().statusCode(201).extract().jsonPath().getInt("id");
        LivyServerProcess.awaitIdle(server::http, id, SESSION_START);
        System.out.printf("Spark35IT: session %d (%s) idle after %d ms%n", id, body,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        return id;
    }

    private List<String> candidates(String kind, String code) {
        return server.http().body(Map.of("code", code, "kind", kind, "cursor", code.length()))
                .post("/sessions/" + sessionId + "/completion").then().statusCode(200).extract().jsonPath()
                .getList("candidates", String.class);
    }

    private JsonPath run(int session, String kind, String code) throws Exception {
        Map<String, String> body = kind == null ? Map.of("code", code) : Map.of("code", code, "kind", kind);
        int id = server.http().body(body).post("/sessions/" + session + "/statements")
                .then().statusCode(201).extract().jsonPath().getInt("id");
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

    private JsonPath statement(int session, int id) {
        return server.http().get("/sessions/" + session + "/statements/" + id).then().statusCode(200)
                .extract().jsonPath();
    }

    private static String textOf(JsonPath statement) {
        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        return statement.getString("output.data.'text/plain'");
    }

    private static JsonNode jsonOf(JsonPath statement) throws Exception {
        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        return JSON.readTree(statement.prettify()).at("/output/data/application~1json");
    }
}
