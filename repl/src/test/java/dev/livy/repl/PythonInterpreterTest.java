package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.StatementOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's side of the Python protocol, against a hand-written fake of livy_repl.py. */
class PythonInterpreterTest {
    /**
     * Answers each execute with a text of as many characters as its code says, as one reply line, the way
     * livy_repl.py answered before it limited its outputs.
     */
    private static final String FAKE_PROGRAM = String.join("\n",
            "import json, sys",
            "REPLIES = {",
            "    'spaced': '{\"op\": \"result\", \"id\": %d, \"output\": {\"status\": \"ok\", '",
            "              '\"execution_count\": 1, \"data\": { \"application/json\": {\"ratio\": 1.50} }}}',",
            "    'malformed': '{\"op\": \"result\", \"id\": %d, \"output\": {\"status\": \"ok\", '",
            "                 '\"data\": {\"text/plain\": [1}}}',",
            "    'no output': '{\"op\": \"result\", \"id\": %d}',",
            "}",
            "print(json.dumps({'op': 'ready'}), flush=True)",
            "for line in sys.stdin:",
            "    request = json.loads(line)",
            "    if request['code'] in REPLIES:",
            "        print(REPLIES[request['code']] % request['id'], flush=True)",
            "        continue",
            "    text = 'x' * int(request['code'])",
            "    output = {'status': 'ok', 'execution_count': request['id'], 'data': {'text/plain': text}}",
            "    print(json.dumps({'op': 'result', 'id': request['id'], 'output': output}), flush=True)",
            "");

    /**
     * Replays the golden exchange that test_livy_repl.py checks livy_repl.py against: each request line must be
     * the golden one, and gets the golden reply line.
     */
    private static final String REPLAY_PROGRAM = String.join("\n",
            "import json, os, sys",
            "exchanges = json.load(open(os.environ['LIVY_REPL_EXCHANGES'], encoding='utf-8'))",
            "def line(message): return json.dumps(message, ensure_ascii=False, separators=(',', ':'))",
            "print(line(exchanges[0]['reply']), flush=True)",
            "for exchange, request in zip(exchanges[1:], sys.stdin):",
            "    if request.rstrip('\\n') != line(exchange['request']):",
            "        print(line({'op': 'error', 'error': 'not the golden request: ' + request}), flush=True)",
            "        continue",
            "    print(line(exchange['reply']), flush=True)",
            "");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;
    private PythonInterpreter python;

    @AfterEach
    void stop() {
        if (python != null) {
            python.close();
        }
    }

    @Test
    void aReplyOverTheOutputLimitIsOutputTooLargeAndTheNextStatementRuns() throws IOException {
        python = start(new OutputSizeLimit(8L * 1024 * 1024));

        ObjectNode huge = python.execute(1, Integer.toString(21 * 1000 * 1000)).toJson();
        ObjectNode next = python.execute(2, "3").toJson();

        assertEquals("OutputTooLarge", huge.get("ename").asText(), huge.toString());
        assertTrue(huge.get("evalue").asText().startsWith("The output of this statement is more than the "
                + "8388608 bytes allowed (livy.rsc.statement.max-output-size)."), huge.get("evalue").asText());
        assertEquals("xxx", next.get("data").get("text/plain").asText());
    }

    @Test
    void aReplyWithinTheLimitIsTheOutput() throws IOException {
        python = start(new OutputSizeLimit(1024));

        assertEquals("x".repeat(900), python.execute(1, "900").toJson().get("data").get("text/plain").asText());
    }

    @Test
    void anOutputIsKeptAsPythonWroteItAndAMalformedOneIsAnErrorThatLosesNoLaterStatement() throws IOException {
        python = start(new OutputSizeLimit(1024));

        StatementOutput spaced = python.execute(1, "spaced");
        ObjectNode malformed = python.execute(2, "malformed").toJson();
        ObjectNode noOutput = python.execute(3, "no output").toJson();
        StatementOutput next = python.execute(4, "2");

        assertEquals("{ \"application/json\": {\"ratio\": 1.50} }",
                assertInstanceOf(StatementOutput.Ok.class, spaced).data().toString());
        assertEquals("InterpreterError", malformed.get("ename").asText(), malformed.toString());
        assertTrue(malformed.get("evalue").asText().startsWith("Malformed reply from Python: "));
        assertEquals("InterpreterError", noOutput.get("ename").asText(), noOutput.toString());
        assertEquals("xx", textOf(next));
    }

    @Test
    void pythonFilesAddedToTheSessionAreImportableFromTheNextStatement() throws IOException {
        PythonPaths paths = new PythonPaths();
        python = new PythonInterpreter("python3", PythonInterpreter.extractScript(), Map.of(),
                new OutputSizeLimit(1024), paths);
        python.start();
        Path first = Files.createDirectories(directory.resolve("first"));
        Files.writeString(first.resolve("livy_added_one.py"), "VALUE = 'one'\n");
        Path second = Files.createDirectories(directory.resolve("second"));
        Files.writeString(second.resolve("livy_added_two.py"), "VALUE = 'two'\n");

        paths.add(first.toString());
        assertEquals("'one'", textOf(python.execute(1, "import livy_added_one\nlivy_added_one.VALUE")));
        paths.add(second.toString());
        assertEquals("'two'", textOf(python.execute(2, "import livy_added_two\nlivy_added_two.VALUE")));
        assertEquals("1", textOf(python.execute(3, "import sys\nsys.path.count(" + JSON.writeValueAsString(
                first.toString()) + ")")), "each path is given once");
    }

    private static String textOf(StatementOutput output) {
        return output.toJson().get("data").get("text/plain").asText();
    }

    @Test
    void theDriverSendsTheGoldenRequestsAndReadsTheGoldenReplies() throws Exception {
        Path exchanges = Path.of(PythonInterpreterTest.class.getResource("/python-protocol/exchanges.json").toURI());
        Path script = Files.writeString(directory.resolve("replay.py"), REPLAY_PROGRAM);
        python = new PythonInterpreter("python3", script, Map.of("LIVY_REPL_EXCHANGES", exchanges.toString()),
                new OutputSizeLimit(1024));
        python.start();

        JsonNode golden = JSON.readTree(exchanges.toFile());
        for (JsonNode exchange : golden) {
            JsonNode request = exchange.get("request");
            if (request == null) {
                continue;
            }
            JsonNode reply = exchange.get("reply");
            if (request.get("op").asText().equals("execute")) {
                assertEquals(JSON.writeValueAsString(reply.get("output")), JSON.writeValueAsString(
                        python.execute(request.get("id").asInt(), request.get("code").asText()).toJson()));
            } else {
                List<String> candidates = new ArrayList<>();
                reply.get("candidates").forEach(candidate -> candidates.add(candidate.asText()));
                assertEquals(candidates, python.complete(request.get("code").asText(),
                        request.get("cursor").asInt()));
            }
        }
    }

    private PythonInterpreter start(OutputSizeLimit limit) throws IOException {
        Path script = Files.writeString(directory.resolve("fake_repl.py"), FAKE_PROGRAM);
        PythonInterpreter started = new PythonInterpreter("python3", script, Map.of(), limit);
        started.start();
        return started;
    }
}
