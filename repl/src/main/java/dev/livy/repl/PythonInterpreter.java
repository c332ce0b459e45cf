package dev.livy.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.RawJson;
import dev.livy.common.protocol.StatementOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Python statements in a child Python process (our livy_repl.py) that wraps the driver's SparkSession through
 * py4j. Requests and replies are JSON lines on the child's stdin/stdout; its stderr goes to the driver's log.
 * A child that dies is replaced by a fresh one on the next statement. Used by the statement thread; {@link
 * #interrupt} and {@link #complete} may come from any thread. The child answers one request at a time, so a
 * completion asked for while a statement runs waits only briefly and then answers no candidates. The child keeps
 * its outputs within the output limit itself; a reply line longer than that is dropped as it is read.
 */
final class PythonInterpreter implements Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(PythonInterpreter.class);
    /** Room for the reply's own fields around an output of the largest allowed size. */
    private static final int REPLY_ENVELOPE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InterpreterChild child;
    private final OutputSizeLimit outputLimit;
    private final PythonPaths paths;
    /** How many of {@link #paths} the running child has been given; guarded by {@link #lock}. */
    private int pathsSent;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * @param script      livy_repl.py, alone in a directory made for it: the child removes that directory when the
     *                    driver dies without removing it itself
     * @param outputLimit the largest output the child may answer; it stops capturing printed text beyond it
     */
    PythonInterpreter(String pythonExecutable, Path script, Map<String, String> environment,
            OutputSizeLimit outputLimit) {
        this(pythonExecutable, script, environment, outputLimit, new PythonPaths());
    }

    /** @param paths Python files added to the session since it started, for {@code sys.path} */
    PythonInterpreter(String pythonExecutable, Path script, Map<String, String> environment,
            OutputSizeLimit outputLimit, PythonPaths paths) {
        this.paths = Objects.requireNonNull(paths, "paths");
        this.outputLimit = Objects.requireNonNull(outputLimit, "outputLimit");
        Map<String, String> variables = new HashMap<>(environment);
        variables.put("LIVY_REPL_MAX_OUTPUT_SIZE", Long.toString(outputLimit.maxBytes()));
        variables.put("LIVY_REPL_SCRATCH_DIR", script.toAbsolutePath().getParent().toString());
        this.child = new InterpreterChild(List.of(pythonExecutable, script.toString()), variables,
                (int) Math.min(Integer.MAX_VALUE - REPLY_ENVELOPE_BYTES, outputLimit.maxBytes())
                        + REPLY_ENVELOPE_BYTES, Optional::of);
    }

    /** Extracts the Python program from the driver jar into a private temporary directory. */
    static Path extractScript() throws IOException {
        Path directory = Files.createTempDirectory("livy-repl-");
        directory.toFile().deleteOnExit();
        Path script = directory.resolve("livy_repl.py");
        try (InputStream in = PythonInterpreter.class.getResourceAsStream("livy_repl.py")) {
            if (in == null) {
                throw new IOException("livy_repl.py is missing from the driver jar");
            }
            Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
        }
        script.toFile().deleteOnExit();
        return script;
    }

    /** Starts the child and waits until it has imported what it needs; does not touch Spark yet. */
    void start() throws IOException {
        lock.lock();
        try {
            startChild();
        } finally {
            lock.unlock();
        }
    }

    private void startChild() throws IOException {
        child.start();
        pathsSent = 0;
        JsonNode ready = child.readReply();
        if (ready == null || !"ready".equals(ready.path("op").asText())) {
            throw new IOException("The Python interpreter did not start (" + child.describeExit() + ")");
        }
    }

    /** Binds spark, sc and sqlContext in the child to the driver's SparkSession. */
    void initialize() throws IOException {
        lock.lock();
        try {
            initializeChild();
        } finally {
            lock.unlock();
        }
    }

    private void initializeChild() throws IOException {
        JsonNode reply = request(JSON.createObjectNode().put("op", "init"));
        if (reply == null) {
            throw new IOException("The Python interpreter exited during initialisation (" + child.describeExit()
                    + ")");
        }
        if (!reply.path("ok").asBoolean()) {
            throw new IOException("Python initialisation failed: " + reply.path("error").asText());
        }
    }

    @Override
    public StatementOutput execute(int statementId, String code) {
        lock.lock();
        try {
            if (!child.isRunning()) {
                LOG.warn("Python interpreter is not running; starting a fresh one");
                startChild();
                initializeChild();
            }
            ObjectNode message = JSON.createObjectNode().put("op", "execute").put("id", statementId)
                    .put("code", code);
            List<String> added = paths.from(pathsSent);
            if (!added.isEmpty()) {
                added.forEach(message.putArray("paths")::add);
                pathsSent += added.size();
            }
            String reply = child.requestText(JSON.writeValueAsString(message));
            if (reply == null) {
                return Outputs.error(statementId, "InterpreterError",
                        "The Python interpreter exited while running this statement (" + child.describeExit()
                                + "); the next Python statement starts a fresh one.");
            }
            return output(statementId, reply);
        } catch (BoundedLineReader.LineTooLongException e) {
            LOG.warn("Dropped a reply of {} bytes from the Python interpreter", e.length());
            return outputLimit.overLimit(statementId);
        } catch (IOException e) {
            return Outputs.error(statementId, "InterpreterError", "Python interpreter failure: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    /**
     * The output in an execute reply, its data kept as Python's JSON text (never parsed into a tree: a table of
     * many rows passes to the server as Python wrote it); an error output when the reply carries none.
     */
    private static StatementOutput output(int statementId, String reply) {
        byte[] text = reply.getBytes(StandardCharsets.UTF_8);
        try {
            ExecuteReply parsed = RawJson.read(FrameCodec.mapper(), text, ExecuteReply.class);
            if (parsed.output() != null) {
                return parsed.output();
            }
        } catch (IOException | IllegalArgumentException e) {
            // Malformed: answered below.
        }
        return Outputs.error(statementId, "InterpreterError", "Malformed reply from Python: " + reply);
    }

    /** What the server needs of an execute reply ({@code {"op": "result", "id": N, "output": OUTPUT}}). */
    record ExecuteReply(StatementOutput output) {
    }

    @Override
    public List<String> complete(String code, int cursor) {
        return CompletionLock.completeOrEmpty(lock, () -> completeInChild(code, cursor));
    }

    private List<String> completeInChild(String code, int cursor) {
        if (!child.isRunning()) {
            return List.of();
        }
        try {
            JsonNode reply = request(JSON.createObjectNode().put("op", "complete").put("code", code)
                    .put("cursor", cursor));
            List<String> candidates = new ArrayList<>();
            if (reply != null) {
                reply.path("candidates").forEach(candidate -> candidates.add(candidate.asText()));
            }
            return List.copyOf(candidates);
        } catch (IOException e) {
            LOG.warn("Python completion failed", e);
            return List.of();
        }
    }

    /** SIGINT: the child turns it into KeyboardInterrupt inside the running statement only. */
    @Override
    public void interrupt() {
        child.interrupt();
    }

    @Override
    public void close() {
        child.stop();
    }

    private JsonNode request(ObjectNode message) throws IOException {
        return child.request(JSON.writeValueAsString(message));
    }
}
