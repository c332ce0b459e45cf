package dev.livy.server.launch;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every line a process printed, each stream apart. Thread-safe. */
final class RecordedOutput implements ProcessOutput {
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @Override
    public void appendStdout(String line) {
        stdout.add(line);
    }

    @Override
    public void appendStderr(String line) {
        stderr.add(line);
    }

    List<String> stdoutLines() {
        return List.copyOf(stdout);
    }

    List<String> stderrLines() {
        return List.copyOf(stderr);
    }
}
