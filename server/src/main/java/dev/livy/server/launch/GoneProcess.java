package dev.livy.server.batch;

import dev.livy.server.launch.ChildProcess;
import java.util.concurrent.CompletableFuture;

/** The spark-submit of a recovered batch that is no longer there: only its cluster application is left. */
enum GoneProcess implements ChildProcess {
    INSTANCE;

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return new CompletableFuture<>();
    }

    @Override
    public boolean isAlive() {
        return false;
    }

    @Override
    public void terminateTree() {
    }

    @Override
    public void killTree() {
    }
}
