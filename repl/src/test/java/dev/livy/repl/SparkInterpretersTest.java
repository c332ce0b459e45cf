package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Scala and SQL interpreters on one local SparkSession built as the driver builds it, before the Scala
 * interpreter starts (as in a shared session). One session for the class: it takes seconds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SparkInterpretersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<DriverMessage.FromDriver> sent = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService timer;
    private ReplClasses classes;
    private SparkSession spark;
    private ProgressListener progress;
    private ScalaInterpreter scala;
    private SqlInterpreter sql;
    private int statementId;

    @BeforeAll
    void start() throws Exception {
        System.setProperty("spark.master", "local[2]");
        System.setProperty("spark.app.name", "spark-interpreters-test");
        System.setProperty("spark.ui.enabled", "false");
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
        classes = ReplClasses.create(Path.of(System.getProperty("java.io.tmpdir")),
                Thread.currentThread().getContextClassLoader());
        // As a driver does: spark is declared while the SparkSession is still being built.
        scala = ScalaInterpreter.start(classes, OutputSizeLimit.from(DriverSettings.DEFAULTS));
        scala.declareSpark();
        spark = ReplDriver.createSparkSession(classes);
        timer = Executors.newSingleThreadScheduledExecutor();
        progress = new ProgressListener(sent::add, (task, delay) -> timer.schedule(task, delay, TimeUnit.MILLISECONDS),
                System::currentTimeMillis, 100);
        spark.sparkContext().addSparkListener(progress);
        scala.bindSpark(spark);
        sql = new SqlInterpreter(spark, 2);
    }

    @AfterAll
    void stop() {
        if (scala != null) {
            scala.close();
        }
        if (spark != null) {
            spark.stop();
        }
        timer.shutdownNow();
        classes.close();
    }

    @Test
    void scalaSeesTheDriversSessionAndCompletesItsMembers() {
        assertTrue(text(scala.execute(next(), "spark.range(5).count()").toJson()).endsWith("Long = 5\n"));
        assertEquals(List.of("range"), scala.complete("spark.ra", 8));
    }

    @Test
    void aCaseClassOfOneStatementWorksInTheClosuresOfTheNext() {
        text(scala.execute(next(), "case class Square(side: Int, area: Int)").toJson());

        String text = text(scala.execute(next(),
                "sc.parallelize(1 to 4, 2).map(i => Square(i, i * i)).collect().map(_.area).sum").toJson());

        assertTrue(text.endsWith("Int = 30\n"), text);
    }

    @Test
    void sqlReadsAViewMadeInScalaUpToTheRowLimit() throws Exception {
        text(scala.execute(next(), "Seq((1, \"a\"), (2, \"b\"), (3, \"c\")).toDF(\"n\", \"s\")"
                + ".createOrReplaceTempView(\"letters\")").toJson());

        ObjectNode output = sql.execute(next(), "SELECT * FROM letters ORDER BY n").toJson();

        assertEquals(JSON.readTree("{\"schema\":{\"type\":\"struct\",\"fields\":["
                        + "{\"name\":\"n\",\"type\":\"integer\",\"nullable\":false,\"metadata\":{}},"
                        + "{\"name\":\"s\",\"type\":\"string\",\"nullable\":true,\"metadata\":{}}]},"
                        + "\"data\":[[1,\"a\"],[2,\"b\"]]}"),
                output.at("/data/application~1json"));
        assertTrue(sql.complete("SELECT * FROM lett", 18).contains("letters"));
        assertTrue(sql.complete("sel", 3).contains("SELECT"));
    }

    @Test
    void sqlErrorsAreErrorOutputs() {
        ObjectNode missing = sql.execute(next(), "SELECT * FROM no_such_table").toJson();
        assertEquals("error", missing.get("status").asText());
        assertEquals("AnalysisException", missing.get("ename").asText(), missing.toString());
        assertTrue(missing.get("evalue").asText().contains("no_such_table"), missing.toString());

        assertEquals("ParseException", sql.execute(next(), "SELEC 1").toJson().get("ename").asText());
        assertEquals("AnalysisException",
                scala.execute(next(), "spark.table(\"no_such_table\")").toJson().get("ename").asText());
    }

    @Test
    void progressOfAStatementsJobsIsSentAsTheirTasksEnd() {
        int id = next();
        SparkJobGroups groups = new SparkJobGroups(spark.sparkContext(), progress);
        groups.enter(id);
        try {
            text(scala.execute(id, "sc.parallelize(1 to 8, 8).map { x => Thread.sleep(30); x }.count()").toJson());
        } finally {
            groups.exit(id);
        }

        List<Double> values = sent.stream()
                .filter(message -> message instanceof DriverMessage.StatementProgress progress
                        && progress.statementId() == id)
                .map(message -> ((DriverMessage.StatementProgress) message).progress()).toList();
        assertTrue(!values.isEmpty() && values.stream().allMatch(value -> value > 0 && value <= 1), "" + values);
        for (int index = 1; index < values.size(); index++) {
            assertTrue(values.get(index) >= values.get(index - 1), "" + values);
        }
    }

    private synchronized int next() {
        return statementId++;
    }

    private static String text(ObjectNode output) {
        assertEquals("ok", output.get("status").asText(), output.toString());
        return output.at("/data/text~1plain").asText();
    }
}
