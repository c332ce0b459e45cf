package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            "print(json.dumps({'op': 'ready'}), flush=True)",
            "for line in sys.stdin:",
            "    request = json.loads(line)",
            "    text = 'x' * int(request['code'])",
            "    output = {'status': 'ok', 'execution_count': request['id'], 'data': {'text/plain': text}}",
            "    print(json.dumps({'op': 'result', 'id': request['id'], 'output': output}), flush=True)",
            "");

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

        ObjectNode huge = python.execute(1, Integer.toString(21 * 1000 * 1000));
        ObjectNode next = python.execute(2, "3");

        assertEquals("OutputTooLarge", huge.get("ename").asText(), huge.toString());
        assertTrue(huge.get("evalue").asText().startsWith("The output of this statement is more than the "
                + "8388608 bytes allowed (livy.rsc.statement.max-output-size)."), huge.get("evalue").asText());
        assertEquals("xxx", next.get("data").get("text/plain").asText());
    }

    @Test
    void aReplyWithinTheLimitIsTheOutput() throws IOException {
        python = start(new OutputSizeLimit(1024));

        assertEquals("x".repeat(900), python.execute(1, "900").get("data").get("text/plain").asText());
    }

    private PythonInterpreter start(OutputSizeLimit limit) throws IOException {
        Path script = Files.writeString(directory.resolve("fake_repl.py"), FAKE_PROGRAM);
        PythonInterpreter started = new PythonInterpreter("python3", script, Map.of(), limit);
        started.start();
        return started;
    }
}
