package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** livy_repl.R on real R, without Spark: the protocol, outputs, errors, plots and interrupts. */
class LivyReplRTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARKER = "MARK-1";

    @TempDir
    Path scratch;
    private Process r;
    private BufferedReader replies;
    private Writer requests;
    private final List<String> otherLines = new ArrayList<>();

    @BeforeEach
    void startR() throws IOException {
        Path script = scratch.resolve("livy_repl.R");
        try (InputStream in = RInterpreter.class.getResourceAsStream("livy_repl.R")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder(REnvironment.command("R", script))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(Map.of("LIVY_R_MARKER", MARKER, "LIVY_R_SCRATCH", scratch.toString(),
                "LIVY_REPL_MAX_OUTPUT_SIZE", "100000", "LANG", "C.UTF-8"));
        r = builder.start();
        replies = new BufferedReader(new InputStreamReader(r.getInputStream(), StandardCharsets.UTF_8));
        requests = new OutputStreamWriter(r.getOutputStream(), StandardCharsets.UTF_8);
        assertEquals("ready", reply().path("op").asText());
    }

    @AfterEach
    void stopR() {
        ProcessSignals.stop(r);
    }

    @Test
    void visibleValuesArePrintedAfterWhatTheCodePrinted() throws IOException {
        assertEquals("{\"status\":\"ok\",\"text\":\"[1] 2\"}", execute(1, "1 + 1").toString());
        assertEquals("été\ttab\n[1] 3", execute(2, "cat('été\\ttab\\n')\nx <- 3\ninvisible(4)\nx").path("text")
                .asText());
        assertEquals("Warning message:\ncareful\n[1] 1", execute(3, "warning('careful')\n1").path("text").asText());
        assertEquals("‘quoted’ bell", execute(4, "cat('‘quoted’ \\001bell')").path("text").asText(),
                "UTF-8 kept whole, control characters dropped");
    }

    @Test
    void errorsNameTheConditionAndKeepWhatWasPrinted() throws IOException {
        JsonNode failed = execute(1, "cat('before\\n')\nstop('boom')");

        assertEquals("error", failed.path("status").asText());
        assertEquals("Error", failed.path("ename").asText());
        assertEquals("boom", failed.path("evalue").asText());
        assertEquals(JSON.readTree("[\"before\\n\",\"Error: boom\\n\"]"), failed.path("traceback"));
        assertEquals("Error in f() : inner\n", execute(2, "f <- function() stop('inner')\nf()").path("traceback")
                .get(0).asText());
        assertTrue(execute(3, "f <- function(").path("evalue").asText().contains("unexpected end of input"));
        assertEquals("[1] 2", execute(4, "1 + 1").path("text").asText());
    }

    @Test
    void aPlotGoesToTheScratchDirectory() throws IOException {
        JsonNode plot = execute(1, "plot(1:10)");

        assertEquals(scratch.resolve("plot.png").toString(), plot.path("plot").asText());
        byte[] png = Files.readAllBytes(scratch.resolve("plot.png"));
        assertTrue(png.length > 8 && png[1] == 'P' && png[2] == 'N' && png[3] == 'G');
        assertTrue(execute(2, "1").path("plot").isMissingNode(), "no plot without drawing");
    }

    @Test
    void anInterruptEndsTheStatementOnlyAndLinesWithoutTheMarkerAreNotReplies() throws Exception {
        request(1, "while (TRUE) {}");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(scratch.resolve("output.txt")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        ProcessSignals.interrupt(r);

        assertEquals("Interrupt", reply().path("ename").asText());
        assertEquals("[1] 0", execute(2, "system('echo not a reply')\n0").path("text").asText());
        assertEquals(List.of("not a reply"), otherLines);
    }

    @Test
    void completionNamesWhatTheWordBeforeTheCursorCanBe() throws IOException {
        execute(1, "frame <- data.frame(total = 1)");

        assertTrue(complete("x <- 1\npri", 10).contains("print"));
        assertEquals(List.of("frame$total"), complete("frame$to + 1", 8));
        assertEquals(List.of(), complete("zzzq", 4));
    }

    private List<String> complete(String code, int cursor) throws IOException {
        Files.writeString(scratch.resolve("complete.R"), code, StandardCharsets.UTF_8);
        requests.write("complete " + cursor + "\n");
        requests.flush();
        List<String> candidates = new ArrayList<>();
        reply().path("candidates").forEach(candidate -> candidates.add(candidate.asText()));
        return candidates;
    }

    private JsonNode execute(int id, String code) throws IOException {
        request(id, code);
        return reply();
    }

    private void request(int id, String code) throws IOException {
        Files.writeString(scratch.resolve("code.R"), code, StandardCharsets.UTF_8);
        requests.write("execute " + id + "\n");
        requests.flush();
    }

    private JsonNode reply() throws IOException {
        for (String line = replies.readLine(); line != null; line = replies.readLine()) {
            if (line.startsWith(MARKER + " ")) {
                return JSON.readTree(line.substring(MARKER.length() + 1));
            }
            otherLines.add(line);
        }
        throw new AssertionError("R exited");
    }
}
