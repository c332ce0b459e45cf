package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
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
 * One shared session (no kind) on real Spark, used from Scala, Python and SQL by the tests of this class in order,
 * as a notebook would; then a spark-kind session of its own. Every session is deleted and the server stopped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedSessionIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration STATEMENT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String appName = "it-shared-" + UUID.randomUUID().toString().substring(0, 8);
    private LivyServerProcess server;
    private int sessionId;

    @BeforeAll
    void startServerAndSession() throws Exception {
        server = LivyServerProcess.start();
        sessionId = createSession("{\"name\":\"" + appName + "\",\"conf\":{\"spark.ui.enabled\":\"false\"}}");
    }

    @AfterAll
    void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aSessionWithoutKindIsShared() {
        server.http().get("/sessions/" + sessionId).then().statusCode(200)
                .body("kind", equalTo("shared"))
                .body("state", equalTo("idle"));
    }

    @Test
    @Order(2)
    void scalaEchoesAsTheScalaRepl() throws Exception {
        assertTrue(textOf(run("spark", "val x = 1 + 1")).contains("val x: Int = 2"));
        assertEquals("hello from scala\n", textOf(run("spark", "println(\"hello from scala\")")));
        assertEquals("val y: Int = 3\nval z: Int = 5\n", textOf(run("spark", "val y = x + 1\nval z = {\n  y + 2\n}")));
        assertTrue(textOf(run("spark", "spark.range(3).show()")).contains("| id|"));
    }

    @Test
    @Order(3)
    void scalaCompileErrorsAndExceptionsAreErrorOutputs() throws Exception {
        JsonPath compileError = run("spark", "val bad: Int = \"text\"");
        assertEquals("available", compileError.getString("state"));
        assertEquals("error", compileError.getString("output.status"));
        assertEquals("Error", compileError.getString("output.ename"));
        assertTrue(compileError.getString("output.evalue").contains("type mismatch"), compileError.prettify());

        JsonPath thrown = run("spark", "throw new IllegalStateException(\"boom\")");
        assertEquals("error", thrown.getString("output.status"));
        assertEquals("IllegalStateException", thrown.getString("output.ename"));
        assertEquals("boom", thrown.getString("output.evalue"));

        JsonPath incomplete = run("spark", "val open = (1 +");
        assertEquals("Error", incomplete.getString("output.ename"));
        assertTrue(textOf(run("spark", "x")).contains("Int = 2"), "the interpreter survived the errors");
    }

    @Test
    @Order(4)
    void aCaseClassOfOneStatementWorksInSparkClosuresOfTheNext() throws Exception {
        textOf(run("spark", "case class Point(x: Int, y: Int)"));

        String text = textOf(run("spark",
                "sc.parallelize(1 to 4, 2).map(i => Point(i, i * i)).collect().map(_.y).sum"));

        assertTrue(text.endsWith("Int = 30\n"), text);
    }

    @Test
    @Order(5)
    void aViewMadeInPythonIsReadBySql() throws Exception {
        textOf(run("pyspark",
                "spark.createDataFrame([(1, 'a'), (2, 'b')], ['n', 's']).createOrReplaceTempView('py_view')"));

        JsonNode result = jsonOf(run("sql", "SELECT n, s FROM py_view ORDER BY n"));

        assertEquals(JSON.readTree("{\"schema\":{\"type\":\"struct\",\"fields\":["
                + "{\"name\":\"n\",\"type\":\"long\",\"nullable\":true,\"metadata\":{}},"
                + "{\"name\":\"s\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]},"
                + "\"data\":[[1,\"a\"],[2,\"b\"]]}"), result);
    }

    @Test
    @Order(6)
    void viewsCrossBetweenSqlScalaAndPython() throws Exception {
        jsonOf(run("sql", "CREATE OR REPLACE TEMP VIEW sql_view AS SELECT 7 AS seven"));
        assertTrue(textOf(run("spark", "spark.table(\"sql_view\").first().getInt(0)")).endsWith("Int = 7\n"));

        textOf(run("spark", "Seq((\"k1\", 11)).toDF(\"key\", \"value\").createOrReplaceTempView(\"scala_view\")"));
        assertEquals("'k1'", textOf(run("pyspark", "spark.table('scala_view').collect()[0].key")));
        assertEquals(JSON.readTree("[[\"k1\",11]]"), jsonOf(run("sql", "SELECT * FROM scala_view")).get("data"));
    }

    @Test
    @Order(7)
    void sqlValuesHaveTheirJsonForms() throws Exception {
        JsonNode row = jsonOf(run("sql", "SELECT DATE'2024-02-29' AS d, CAST(12.30 AS DECIMAL(5,2)) AS amount,"
                + " TIMESTAMP'2024-01-02 03:04:05Z' AS t, array(1, 2) AS a, map('k', 1) AS m,"
                + " named_struct('p', 1, 'q', 'x') AS st, CAST(NULL AS INT) AS nothing, X'0102' AS b,"
                + " true AS yes, 2.5D AS dbl")).get("data").get(0);

        assertEquals("2024-02-29", row.get(0).asText());
        assertTrue(row.get(1).isNumber(), row.toString());
        assertEquals(0, row.get(1).decimalValue().compareTo(new java.math.BigDecimal("12.30")), row.toString());
        assertEquals("2024-01-02T03:04:05Z", row.get(2).asText());
        assertEquals(JSON.readTree("[1,2]"), row.get(3));
        assertEquals(JSON.readTree("{\"k\":1}"), row.get(4));
        assertEquals(JSON.readTree("{\"p\":1,\"q\":\"x\"}"), row.get(5));
        assertTrue(row.get(6).isNull());
        assertEquals("AQI=", row.get(7).asText());
        assertTrue(row.get(8).asBoolean());
        assertEquals(2.5, row.get(9).asDouble());
    }

    @Test
    @Order(8)
    void sqlErrorsAreErrorOutputs() throws Exception {
        JsonPath missing = run("sql", "SELECT * FROM no_such_table");
        assertEquals("error", missing.getString("output.status"));
        assertEquals("AnalysisException", missing.getString("output.ename"), missing.prettify());
        assertTrue(missing.getString("output.evalue").contains("no_such_table"), missing.prettify());

        JsonPath parse = run("sql", "SELEC 1");
        assertEquals("ParseException", parse.getString("output.ename"), parse.prettify());
    }

    @Test
    @Order(9)
    void scalaMagicsShowValuesAsJsonAndTables() throws Exception {
        JsonPath json = run("spark", "val scores = Map(\"b\" -> 2, \"a\" -> 1)\n%json scores");
        assertEquals(Map.of("b", 2, "a", 1), json.getMap("output.data.'application/json'"));

        JsonPath table = run("spark", "case class Entry(name: String, n: Int)\n"
                + "val entries = Seq(Entry(\"a\", 1), Entry(\"b\", 2))\n%table entries");
        JsonNode expected = JSON.readTree("{\"headers\":[{\"name\":\"name\",\"type\":\"STRING_TYPE\"},"
                + "{\"name\":\"n\",\"type\":\"INT_TYPE\"}],\"data\":[[\"a\",1],[\"b\",2]]}");
        assertEquals(expected, JSON.readTree(table.prettify()).at("/output/data/application~1vnd.livy.table.v1+json"));

        JsonPath unknown = run("spark", "%nope scores");
        assertEquals("error", unknown.getString("output.status"));
        assertEquals("UnknownMagic", unknown.getString("output.ename"));
    }

    @Test
    @Order(10)
    void pythonMatplotGivesAPng() throws Exception {
        JsonPath plot = run("pyspark", "import matplotlib\nmatplotlib.use('Agg')\nimport matplotlib.pyplot as plt\n"
                + "plt.plot([1, 2, 3], [3, 1, 2])\n%matplot plt");

        byte[] png = Base64.getDecoder().decode(plot.getString("output.data.'image/png'"));
        assertTrue(png.length > 8 && png[0] == (byte) 0x89 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G',
                plot.prettify());
    }

    @Test
    @Order(11)
    void progressMovesDuringALongJobAndEndsAtOne() throws Exception {
        int id = submit("spark", "sc.parallelize(1 to 200, 20).map { x => Thread.sleep(100); x }.count()");
        List<Double> seen = new ArrayList<>();
        await("statement " + id + " to complete", STATEMENT, () -> {
            JsonPath statement = statement(id);
            seen.add(statement.getDouble("progress"));
            return statement.getString("state").equals("available");
        });

        assertTrue(seen.stream().anyMatch(progress -> progress > 0.0 && progress < 1.0), "progress seen: " + seen);
        JsonPath done = statement(id);
        assertEquals(1.0, done.getDouble("progress"));
        assertTrue(textOf(done).endsWith("Long = 200\n"), done.prettify());
    }

    @Test
    @Order(12)
    void completionAnswersForEachLanguageOfTheSession() {
        assertTrue(candidates("pyspark", "spark.ra").contains("range"), candidates("pyspark", "spark.ra").toString());
        assertTrue(candidates("spark", "spark.ra").contains("range"), candidates("spark", "spark.ra").toString());
        assertTrue(candidates("sql", "SELECT * FROM py_v").contains("py_view"),
                candidates("sql", "SELECT * FROM py_v").toString());
        assertTrue(candidates("sql", "SEL").contains("SELECT"), candidates("sql", "SEL").toString());
    }

    @Test
    @Order(13)
    void aPythonInterpreterThatDiesFailsItsStatementAndTheNextGetsAFreshOne() throws Exception {
        JsonPath killed = run("pyspark", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)");

        assertEquals("error", killed.getString("output.status"), killed.prettify());
        assertEquals("InterpreterError", killed.getString("output.ename"));
        assertTrue(killed.getString("output.evalue").contains("exited while running this statement"),
                killed.prettify());
        assertTrue(textOf(run("spark", "21 * 2")).endsWith("Int = 42\n"), "Scala goes on");
        assertEquals("42", textOf(run("pyspark", "21 * 2")));
        assertEquals("'k1'", textOf(run("pyspark", "spark.table('scala_view').collect()[0].key")),
                "the fresh interpreter has the same SparkSession");
    }

    @Test
    @Order(15)
    void anOutputOverTheLimitIsAnErrorAndTheSessionGoesOn() throws Exception {
        JsonPath huge = run("pyspark", "'x' * (9 * 1024 * 1024)");

        assertEquals("OutputTooLarge", huge.getString("output.ename"), huge.getString("output.status"));
        assertTrue(huge.getString("output.evalue").contains("(livy.rsc.statement.max-output-size)"));
        assertEquals("2", textOf(run("pyspark", "1 + 1")));
    }

    @Test
    @Order(16)
    void deleteStopsTheSharedSession() throws Exception {
        ProcessHandle driver = DriverProcesses.driver(appName).orElseThrow();
        List<ProcessHandle> tree = driver.descendants().toList();

        server.http().delete("/sessions/" + sessionId).then().statusCode(200);

        await("the driver and its children to exit", Duration.ofSeconds(30),
                () -> !DriverProcesses.isRunning(driver.pid())
                        && tree.stream().noneMatch(child -> DriverProcesses.isRunning(child.pid())));
    }

    @Test
    @Order(17)
    void aSparkSessionStartsScalaEagerly() throws Exception {
        String name = "it-spark-" + UUID.randomUUID().toString().substring(0, 8);
        sessionId = createSession("{\"kind\":\"spark\",\"name\":\"" + name + "\","
                + "\"conf\":{\"spark.ui.enabled\":\"false\"}}");

        assertTrue(textOf(run(null, "val x = 1 + 1")).contains("val x: Int = 2"));
        textOf(run(null, "case class Pair(a: Int, b: Int)"));
        assertTrue(textOf(run(null, "sc.parallelize(1 to 3).map(i => Pair(i, i)).collect().map(_.b).sum"))
                .endsWith("Int = 6\n"));

        ProcessHandle driver = DriverProcesses.driver(name).orElseThrow();
        server.http().delete("/sessions/" + sessionId).then().statusCode(200);
        await("the spark session's driver to exit", Duration.ofSeconds(30),
                () -> !DriverProcesses.isRunning(driver.pid()));
    }

    /** Creates a session, waits until it is idle and prints how long that took. */
    private int createSession(String body) throws Exception {
        long start = System.nanoTime();
        int id = server.http().body(body).post("/sessions").then().statusCode(201).extract().jsonPath().getInt("id");
        LivyServerProcess.awaitIdle(server::http, id, SESSION_START);
        System.out.printf("SharedSessionIT: session %d (%s) idle after %d ms%n", id, body,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
        return id;
    }

    private List<String> candidates(String kind, String code) {
        return server.http().body(Map.of("code", code, "kind", kind, "cursor", code.length()))
                .post("/sessions/" + sessionId + "/completion").then().statusCode(200).extract().jsonPath()
                .getList("candidates", String.class);
    }

    private int submit(String kind, String code) {
        Map<String, String> body = kind == null ? Map.of("code", code) : Map.of("code", code, "kind", kind);
        return server.http().body(body).post("/sessions/" + sessionId + "/statements")
                .then().statusCode(201).extract().jsonPath().getInt("id");
    }

    private JsonPath run(String kind, String code) throws Exception {
        int id = submit(kind, code);
        await("statement " + id + " to be available", STATEMENT, () -> {
            String state = statement(id).getString("state");
            if (state.equals("error") || state.equals("cancelled")) {
                throw new AssertionError("statement " + id + " ended " + state + ": " + statement(id).prettify());
            }
            return state.equals("available");
        });
        return statement(id);
    }

    private JsonPath statement(int id) {
        return server.http().get("/sessions/" + sessionId + "/statements/" + id).then().statusCode(200)
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
