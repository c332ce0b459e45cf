package dev.livy.server.launch;

import java.util.concurrent.CompletableFuture;

/**
 * The spark-submit of a recovered session or batch that is no longer there (it ended on an earlier server): only its
 * cluster application is left, which the cluster manager stops and whose end it reports. Immutable.
 */
public enum GoneProcess implements ChildProcess {
    INSTANCE;

    @Override
    public long pid() {
        return -1;
    }

    /** Never completes: the end is the cluster manager's to report. */
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
