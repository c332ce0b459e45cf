package dev.livy.repl;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The child process of an interpreter that runs its language outside the JVM (Python's livy_repl.py, R's
 * livy_repl.R) and its line protocol: a request is one line on the child's stdin, a reply one JSON line on its
 * stdout, read within a size bound; its stderr goes to the driver's log. {@link #start} replaces a child that died
 * with a fresh one. Not thread-safe: its interpreter serialises requests under its own lock; {@link #interrupt},
 * {@link #isRunning} and {@link #stop} may come from any thread.
 */
final class InterpreterChild {
    /** The line is bounded before it is parsed, so Jackson's own bound (20 MB strings) need not apply. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());

    private final List<String> command;
    private final Map<String, String> environment;
    private final int maxReplyBytes;
    private final Function<String, Optional<String>> replyIn;
    private volatile Process process;
    private BoundedLineReader replies;
    private BufferedWriter requests;

    /**
     * @param replyIn the reply's JSON in a stdout line, or empty for a line that is not a reply (the interpreter
     *                logs it, for example)
     */
    InterpreterChild(List<String> command, Map<String, String> environment, int maxReplyBytes,
            Function<String, Optional<String>> replyIn) {
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.maxReplyBytes = maxReplyBytes;
        this.replyIn = Objects.requireNonNull(replyIn, "replyIn");
    }

    /** Starts a child; its first reply is read with {@link #readReply}. */
    Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        builder.environment().putAll(environment);
        Process started = builder.start();
        replies = new BoundedLineReader(started.getInputStream(), maxReplyBytes);
        requests = new BufferedWriter(new OutputStreamWriter(started.getOutputStream(), StandardCharsets.UTF_8));
        process = started;
        return started;
    }

    boolean isRunning() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /**
     * Sends one request line and reads its reply.
     *
     * @return the reply, or null when the child has exited
     * @throws BoundedLineReader.LineTooLongException when the reply is longer than the bound (it is dropped)
     */
    JsonNode request(String line) throws IOException {
        return parsed(requestText(line));
    }

    /**
     * Sends one request line and returns its reply's JSON text, for a caller that reads it its own way.
     *
     * @return the reply, or null when the child has exited
     * @throws BoundedLineReader.LineTooLongException when the reply is longer than the bound (it is dropped)
     */
    String requestText(String line) throws IOException {
        try {
            requests.write(line);
            requests.write('\n');
            requests.flush();
        } catch (IOException e) {
            return null;
        }
        return readReplyText();
    }

    /** The next reply, or null when the child has exited. */
    JsonNode readReply() throws IOException {
        return parsed(readReplyText());
    }

    private String readReplyText() throws IOException {
        for (String line = replies.readLine(); line != null; line = replies.readLine()) {
            Optional<String> reply = replyIn.apply(line);
            if (reply.isPresent()) {
                return reply.get();
            }
        }
        return null;
    }

    private static JsonNode parsed(String reply) throws IOException {
        return reply == null ? null : JSON.readTree(reply);
    }

    /** How the child ended, for a message: its exit code, or that it still runs or never started. */
    String describeExit() {
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

    /** SIGINT: the child turns it into an interrupt of the running statement only. */
    void interrupt() {
        ProcessSignals.interrupt(process);
    }

    void stop() {
        ProcessSignals.stop(process);
    }
}
