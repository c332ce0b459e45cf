package dev.livy.repl;

import java.io.IOException;

/**
 * Ends a child process when the driver JVM dies, however it dies (even by SIGKILL, when no shutdown hook runs): a
 * shell waits for the end of its stdin, which only this JVM holds open, then SIGKILLs the child. R, unlike our
 * Python program, has no thread that could notice the driver is gone while user code runs. Thread-safe.
 */
final class OrphanKiller implements AutoCloseable {
    private final Process watcher;

    private OrphanKiller(Process watcher) {
        this.watcher = watcher;
    }

    static OrphanKiller watch(Process child) throws IOException {
        return new OrphanKiller(new ProcessBuilder("sh", "-c", "read ignored; kill -KILL " + child.pid())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                .start());
    }

    /** What the JVM's death does: the watcher's stdin ends. */
    void ownerGone() throws IOException {
        watcher.getOutputStream().close();
    }

    /** The owner ends the child itself: the watcher goes first, so it can never kill a reused pid. */
    @Override
    public void close() {
        ProcessSignals.stop(watcher);
    }
}
