package dev.livy.repl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.SparkRPackage;
import dev.livy.common.protocol.StatementOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs R statements in one child R process (our livy_repl.R) whose SparkR is bound, through {@link SparkRBackend},
 * to the driver's SparkSession, so temp views are shared with the other languages. The code of a statement goes
 * to the child in a file of a private scratch directory, the request as a line on its stdin; the reply is the
 * stdout line that starts with this process's random marker. A child that dies is replaced by a fresh one on the
 * next statement, bound to the same SparkSession. Used by the statement thread; {@link #interrupt} and {@link
 * #complete} may come from any thread. R answers one request at a time, so a completion asked for while a statement
 * runs waits only briefly and then answers no candidates.
 */
final class RInterpreter implements Interpreter {
    private static final Logger LOG = LoggerFactory.getLogger(RInterpreter.class);
    /** Room for the reply's own fields around an output of the largest allowed size. */
    private static final int REPLY_ENVELOPE_BYTES = 64 * 1024;

    private final SparkRBackend backend;
    private final Path scratch;
    private final InterpreterChild child;
    private final OutputSizeLimit outputLimit;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile OrphanKiller orphanKiller;
    /** Whether R runs a statement: R that waits for a request is never interrupted. */
    private volatile boolean running;

    private RInterpreter(SparkRBackend backend, Path scratch, Path sparkRLibrary, String rCommand,
            OutputSizeLimit outputLimit) {
        this.backend = backend;
        this.scratch = scratch;
        String marker = "LIVY-R-" + UUID.randomUUID();
        this.outputLimit = outputLimit;
        this.child = new InterpreterChild(REnvironment.command(rCommand, scratch.resolve("livy_repl.R")),
                REnvironment.variables(backend.port(), backend.secret(), scratch, marker, outputLimit.maxBytes(),
                        sparkRLibrary),
                (int) Math.min(Integer.MAX_VALUE - REPLY_ENVELOPE_BYTES, outputLimit.maxBytes() * 2)
                        + REPLY_ENVELOPE_BYTES, line -> replyIn(marker + " ", line));
    }

    /** A reply starts with the marker; other stdout lines (of R's own children, say) go to the log. */
    private static Optional<String> replyIn(String prefix, String line) {
        if (line.startsWith(prefix)) {
            return Optional.of(line.substring(prefix.length()));
        }
        LOG.info("R: {}", line);
        return Optional.empty();
    }

    /**
     * Starts the backend and an R process bound to the SparkSession, which must exist already.
     *
     * @throws IOException when R does not start or SparkR does not load; nothing is left running
     */
    static RInterpreter start(String rCommand, SparkRPackage sparkR, OutputSizeLimit outputLimit)
            throws IOException {
        Path scratch = Files.createTempDirectory("livy-r-");
        try (InputStream in = RInterpreter.class.getResourceAsStream("livy_repl.R")) {
            Files.copy(Objects.requireNonNull(in, "livy_repl.R is missing from the driver jar"),
                    scratch.resolve("livy_repl.R"), StandardCopyOption.REPLACE_EXISTING);
        }
        Path sparkRLibrary = SparkRLibrary.prepare(sparkR, scratch);
        RInterpreter r = new RInterpreter(SparkRBackend.start(), scratch, sparkRLibrary, rCommand, outputLimit);
        r.lock.lock();
        try {
            r.startChild();
            return r;
        } catch (IOException | RuntimeException e) {
            r.close();
            throw e;
        } finally {
            r.lock.unlock();
        }
    }

    private void startChild() throws IOException {
        if (orphanKiller != null) {
            orphanKiller.close();
        }
        orphanKiller = OrphanKiller.watch(child.start());
        JsonNode ready = child.readReply();
        if (ready == null || !"ready".equals(ready.path("op").asText())) {
            throw new IOException("R did not start (" + child.describeExit() + ")");
        }
        JsonNode init = child.request("init");
        if (init == null) {
            throw new IOException("R exited while loading SparkR (" + child.describeExit() + ")");
        }
        if (!init.path("ok").asBoolean()) {
            throw new IOException("SparkR did not load: " + init.path("error").asText());
        }
    }

    @Override
    public StatementOutput execute(int statementId, String code) {
        lock.lock();
        try {
            if (!child.isRunning()) {
                LOG.warn("R is not running; starting a fresh R");
                startChild();
            }
            Files.writeString(scratch.resolve("code.R"), code, StandardCharsets.UTF_8);
            JsonNode reply;
            running = true;
            try {
                reply = child.request("execute " + statementId);
            } finally {
                running = false;
            }
            if (reply == null) {
                return Outputs.error(statementId, "InterpreterError", "R exited while running this statement ("
                        + child.describeExit() + "); the next R statement starts a fresh R.");
            }
            return output(statementId, reply);
        } catch (BoundedLineReader.LineTooLongException e) {
            LOG.warn("Dropped a reply of {} bytes from R", e.length());
            return outputLimit.overLimit(statementId);
        } catch (IOException e) {
            return Outputs.error(statementId, "InterpreterError", "R interpreter failure: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }

    private StatementOutput output(int statementId, JsonNode reply) throws IOException {
        if ("error".equals(reply.path("status").asText())) {
            List<String> traceback = new ArrayList<>();
            reply.path("traceback").forEach(line -> traceback.add(line.asText()));
            return Outputs.error(statementId, reply.path("ename").asText("Error"), reply.path("evalue").asText(),
                    traceback);
        }
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        String text = reply.path("text").asText();
        JsonNode plot = reply.get("plot");
        if (plot == null || !text.isEmpty()) {
            data.put(Outputs.TEXT_PLAIN, text);
        }
        if (plot != null) {
            Path image = scratch.resolve("plot.png");
            data.put("image/png", Base64.getEncoder().encodeToString(Files.readAllBytes(image)));
            Files.deleteIfExists(image);
        }
        return Outputs.ok(statementId, data);
    }

    @Override
    public List<String> complete(String code, int cursor) {
        return CompletionLock.completeOrEmpty(lock, () -> completeInR(code, cursor));
    }

    private List<String> completeInR(String code, int cursor) {
        if (!child.isRunning()) {
            return List.of();
        }
        try {
            Files.writeString(scratch.resolve("complete.R"), code, StandardCharsets.UTF_8);
            JsonNode reply = child.request("complete " + code.codePointCount(0, cursor));
            List<String> candidates = new ArrayList<>();
            if (reply != null) {
                reply.path("candidates").forEach(candidate -> candidates.add(candidate.asText()));
            }
            return List.copyOf(candidates);
        } catch (IOException e) {
            LOG.warn("R completion failed", e);
            return List.of();
        }
    }

    /** SIGINT: the child turns it into an interrupt of the running statement only. */
    @Override
    public void interrupt() {
        if (!running) {
            return;
        }
        child.interrupt();
    }

    @Override
    public void close() {
        if (orphanKiller != null) {
            orphanKiller.close();
        }
        child.stop();
        backend.close();
        try (Stream<Path> files = Files.walk(scratch)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            LOG.warn("Cannot remove the R scratch directory", e);
        }
    }
}
