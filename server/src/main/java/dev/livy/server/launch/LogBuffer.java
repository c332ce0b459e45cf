package dev.livy.server.launch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The last lines of a process's stdout and stderr, each stream bounded separately (oldest dropped). Rendered the
 * way Livy shows a process log: {@code "stdout: "}, the stdout lines, {@code "\nstderr: "}, the stderr lines.
 * Thread-safe.
 */
public final class LogBuffer implements ProcessOutput {
    /** Longer lines are cut, so one runaway line cannot hold megabytes. */
    static final int MAX_LINE_CHARS = 8192;

    private final int maxLinesPerStream;
    private final ArrayDeque<String> stdout = new ArrayDeque<>();
    private final ArrayDeque<String> stderr = new ArrayDeque<>();

    public LogBuffer(int maxLinesPerStream) {
        if (maxLinesPerStream <= 0) {
            throw new IllegalArgumentException("maxLinesPerStream must be positive");
        }
        this.maxLinesPerStream = maxLinesPerStream;
    }

    @Override
    public void appendStdout(String line) {
        append(stdout, line);
    }

    @Override
    public void appendStderr(String line) {
        append(stderr, line);
    }

    public synchronized List<String> lines() {
        List<String> lines = new ArrayList<>(stdout.size() + stderr.size() + 2);
        lines.add("stdout: ");
        lines.addAll(stdout);
        lines.add("\nstderr: ");
        lines.addAll(stderr);
        return lines;
    }

    /** The last {@code count} lines of {@link #lines()}, without copying the rest (every session view asks). */
    public synchronized List<String> tail(int count) {
        ArrayDeque<String> tail = new ArrayDeque<>(Math.max(0, count));
        prependFromEnd(tail, stderr, count);
        prependIfRoom(tail, "\nstderr: ", count);
        prependFromEnd(tail, stdout, count);
        prependIfRoom(tail, "stdout: ", count);
        return List.copyOf(tail);
    }

    private static void prependFromEnd(ArrayDeque<String> tail, ArrayDeque<String> stream, int count) {
        Iterator<String> backwards = stream.descendingIterator();
        while (tail.size() < count && backwards.hasNext()) {
            tail.addFirst(backwards.next());
        }
    }

    private static void prependIfRoom(ArrayDeque<String> tail, String line, int count) {
        if (tail.size() < count) {
            tail.addFirst(line);
        }
    }

    private synchronized void append(ArrayDeque<String> stream, String line) {
        stream.addLast(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + "…" : line);
        while (stream.size() > maxLinesPerStream) {
            stream.removeFirst();
        }
    }
}
