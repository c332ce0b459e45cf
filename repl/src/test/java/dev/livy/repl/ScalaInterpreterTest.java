package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import scala.util.Properties;

/**
 * The Scala interpreter on the real compiler, without Spark; one interpreter for the class (it takes seconds). Runs
 * on Scala 2.13 in repl and on Scala 2.12 in repl-scala212, whose REPL echoes definitions without their keyword.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScalaInterpreterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long OUTPUT_LIMIT = 64 * 1024;
    private static final boolean SCALA_212 = Properties.versionNumberString().startsWith("2.12.");

    private ReplClasses classes;
    private ScalaInterpreter scala;
    private int statementId;

    @BeforeAll
    void start() throws Exception {
        classes = ReplClasses.create(Path.of(System.getProperty("java.io.tmpdir")),
                getClass().getClassLoader());
        scala = ScalaInterpreter.start(classes, new OutputSizeLimit(OUTPUT_LIMIT));
    }

    @AfterAll
    void stop() {
        scala.close();
        classes.close();
    }

    @Test
    void echoesDefinitionsAndResultsAsTheScalaRepl() {
        assertEquals(val("x: Int = 2\n"), text(run("val x = 1 + 1")));
        assertTrue(text(run("x * 50L")).matches(val("res\\d+: Long = 100\n")));
        assertEquals(SCALA_212 ? "twice: (n: Int)Int\ny: Int = 8\n" : "def twice(n: Int): Int\nval y: Int = 8\n",
                text(run("def twice(n: Int) = {\n  n * 2\n}\nval y = twice(4)")));
    }

    @Test
    void printedOutputComesWithTheEchoAndKeepsItsLastNewlineAsInLivy() {
        assertEquals("foo\n", text(run("println(\"foo\")")));
        assertEquals("hello\n" + val("printedToo: Int = 1\n"), text(run("println(\"hello\")\nval printedToo = 1")));
        assertEquals("", text(run("// only a comment")));
    }

    /** Printing without end must cost bounded memory: what lies beyond the limit is dropped as it is printed. */
    @Test
    void printedOutputBeyondTheLimitIsNotKept() {
        String text = text(run("(1 to 20000).foreach(_ => println(\"x\" * 1000))\nval afterPrinting = 1"));

        assertEquals(OUTPUT_LIMIT + 1, text.length(), "kept up to one byte over the limit, so the limit applies");
        assertEquals(val("z: Int = 3\n"), text(run("val z = 3")), "the next statement starts afresh");
    }

    @Test
    void deprecationsLeaveNoWarningAmongPrintedRows() {
        text(run("object Rows { def collect(): Array[String] = Array(\"{\\\"a\\\":1}\", \"{\\\"a\\\":2}\") }"));

        assertEquals("{\"a\":1}\n{\"a\":2}\n", text(run("Rows.collect.foreach(println)")));
    }

    @Test
    void compileErrorsNameTheirLines() throws Exception {
        ObjectNode output = run("val fine = 1\nval wrong: String = fine");

        assertEquals("error", output.get("status").asText());
        assertEquals("Error", output.get("ename").asText());
        assertTrue(output.get("evalue").asText().startsWith("type mismatch;"), output.toString());
        assertEquals(JSON.readTree("[\"val wrong: String = fine\\n\", \"                    ^\\n\"]"),
                JSON.valueToTree(List.of(output.get("traceback").get(1).asText(),
                        output.get("traceback").get(2).asText())));
        // Scala 2.12's positions count the lines of the REPL's wrapper, not of the statement.
        assertTrue(output.get("traceback").get(0).asText().startsWith(SCALA_212 ? "<console>:" : "<console>:2: ")
                && output.get("traceback").get(0).asText().contains(" error: type mismatch;"), output.toString());
    }

    @Test
    void incompleteCodeIsACompileError() {
        ObjectNode output = run("val open = (1 +");

        assertEquals("Error", output.get("ename").asText());
        assertEquals(SCALA_212 ? "')' expected but ';' found." : "')' expected but eof found.",
                output.get("evalue").asText());
    }

    @Test
    void exceptionsAreErrorsUnderTheirClassName() {
        ObjectNode output = run("throw new IllegalStateException(\"boom\")");

        assertEquals("IllegalStateException", output.get("ename").asText());
        assertEquals("boom", output.get("evalue").asText());
        assertEquals("java.lang.IllegalStateException: boom\n", output.get("traceback").get(0).asText());
    }

    @Test
    void magicsShowValuesAfterTheCodeBeforeThem() throws Exception {
        ObjectNode json = run("case class Item(name: String, count: Int)\nval items = Seq(Item(\"a\", 1))\n"
                + "%json items");
        assertEquals(JSON.readTree("[{\"name\":\"a\",\"count\":1}]"), json.at("/data/application~1json"));
        assertTrue(json.at("/data/text~1plain").asText().contains(val("items: Seq[Item]")));

        ObjectNode table = run("%table items");
        assertEquals(JSON.readTree("{\"headers\":[{\"name\":\"name\",\"type\":\"STRING_TYPE\"},"
                        + "{\"name\":\"count\",\"type\":\"INT_TYPE\"}],\"data\":[[\"a\",1]]}"),
                table.at("/data/application~1vnd.livy.table.v1+json"));
        assertTrue(table.at("/data/text~1plain").isMissingNode(), table.toString());

        assertEquals("UnknownMagic", run("%plot items").get("ename").asText());
    }

    @Test
    void classesAreLoadedByTheSharedReplLoader() {
        run("class Marker");

        assertTrue(text(run("classOf[Marker].getClassLoader.toString")).endsWith(classes.classLoader() + "\n"));
    }

    @Test
    void completesNamesAtTheCursor() {
        run("val greeting = \"hello\"");

        assertEquals(List.of("toUpperCase"), scala.complete("greeting.toUpperC", 17));
        assertEquals(List.of("greeting"), scala.complete("val other = greet", 17));
        assertTrue(scala.complete("greeting.toUpperC + 1", 17).contains("toUpperCase"));
    }

    @Test
    void aBusyInterpreterAnswersNoCandidatesAndAnInterruptEndsTheStatement() throws Exception {
        Path running = Files.createTempDirectory("scala-statement-").resolve("running");
        running.getParent().toFile().deleteOnExit();
        running.toFile().deleteOnExit();
        CompletableFuture<ObjectNode> sleeping = CompletableFuture.supplyAsync(() -> run(
                "java.nio.file.Files.createFile(java.nio.file.Paths.get(\"" + running + "\")); Thread.sleep(60000)"));
        // Compiling the statement takes a while on a loaded machine: wait until it runs, not a fixed time.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(running) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(Files.exists(running), "the statement runs within 60 s");

        long started = System.nanoTime();
        assertEquals(List.of(), scala.complete("Thread.slee", 11));
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 2000);

        scala.interrupt();
        ObjectNode interrupted = sleeping.get(30, TimeUnit.SECONDS);
        assertEquals("InterruptedException", interrupted.get("ename").asText(), interrupted.toString());
        assertEquals(val("after: Int = 1\n"), text(run("val after = 1")));
    }

    /** The REPL's echo of a definition: Scala 2.13 starts it with {@code val}, 2.12 with the name. */
    private static String val(String echo) {
        return SCALA_212 ? echo : "val " + echo;
    }

    private synchronized ObjectNode run(String code) {
        return scala.execute(statementId++, code).toJson();
    }

    private static String text(ObjectNode output) {
        assertEquals("ok", output.get("status").asText(), output.toString());
        JsonNode text = output.at("/data/text~1plain");
        return text.asText();
    }
}
