package dev.livy.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs Python statements in a child Python process (our livy_repl.py) that wraps the driver's SparkSession through
 * py4j. Requests and replies are JSON lines on the child's stdin/stdout; its stderr goes to the driver's log.
 * A child that dies is replaced by a fresh one on the next statement. Used by the statement thread; {@link
 * #interrupt} and {@link #complete} may come from any thread. The child answers one request at a time, so a
 * completion asked for while a statement runs waits only briefly and then answers no candidates.
 */
final class PythonInterpreter implements Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(PythonInterpreter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> command;
    private final Map<String, String> environment;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Process process;
    private BufferedReader replies;
    private BufferedWriter requests;

    PythonInterpreter(String pythonExecutable, Path script, Map<String, String> environment) {
        this.command = List.of(pythonExecutable, script.toString());
        this.environment = Map.copyOf(environment);
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
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process started = builder.start();
        replies = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
        requests = new BufferedWriter(new OutputStreamWriter(started.getOutputStream(), StandardCharsets.UTF_8));
        process = started;
        JsonNode ready = readReply();
        if (ready == null || !"ready".equals(ready.path("op").asText())) {
            throw new IOException("The Python interpreter did not start (" + describeExit() + ")");
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
            throw new IOException("The Python interpreter exited during initialisation (" + describeExit() + ")");
        }
        if (!reply.path("ok").asBoolean()) {
            throw new IOException("Python initialisation failed: " + reply.path("error").asText());
        }
    }

    @Override
    public ObjectNode execute(int statementId, String code) {
        lock.lock();
        try {
            if (process == null || !process.isAlive()) {
                LOG.warn("Python interpreter is not running; starting a fresh one");
                startChild();
                initializeChild();
            }
            JsonNode reply = request(JSON.createObjectNode().put("op", "execute").put("id", statementId)
                    .put("code", code));
            if (reply == null) {
                return Outputs.error(statementId, "InterpreterError",
                        "The Python interpreter exited while running this statement (" + describeExit()
                                + "); the next Python statement starts a fresh one.");
            }
            JsonNode output = reply.get("output");
            if (output instanceof ObjectNode object) {
                return object;
            }
            return Outputs.error(statementId, "InterpreterError", "Malformed reply from Python: " + reply);
        } catch (IOException e) {
            return Outputs.error(statementId, "InterpreterError", "Python interpreter failure: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> complete(String code, int cursor) {
        return CompletionLock.completeOrEmpty(lock, () -> completeInChild(code, cursor));
    }

    private List<String> completeInChild(String code, int cursor) {
        Process current = process;
        if (current == null || !current.isAlive()) {
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
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(current.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            LOG.warn("Cannot interrupt the Python interpreter", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the child without waiting for a running statement: SIGTERM, then SIGKILL. */
    @Override
    public void close() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroy();
        try {
            if (!current.waitFor(2, TimeUnit.SECONDS)) {
                current.destroyForcibly();
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode request(ObjectNode message) throws IOException {
        try {
            requests.write(JSON.writeValueAsString(message));
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            return null;
        }
        return readReply();
    }

    /** The next reply, or null when the child has exited. */
    private JsonNode readReply() throws IOException {
        String line = replies.readLine();
        if (line == null) {
            return null;
        }
        return JSON.readTree(line);
    }

    private String describeExit() {
        Process current = process;
        if (current == null) {
            return "not started";
        }
        try {
            if (current.waitFor(2, TimeUnit.SECONDS)) {
                return "exit code " + current.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "still running";
    }
}
