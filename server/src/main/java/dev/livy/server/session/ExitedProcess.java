package dev.livy.server.session;

import dev.livy.server.launch.ChildProcess;
import java.util.concurrent.CompletableFuture;

/**
 * The spark-submit run of a recovered cluster-mode session: it ended long ago on an earlier server, so only the
 * cluster manager can still stop the application. Immutable.
 */
final class ExitedProcess implements ChildProcess {
    static final ExitedProcess INSTANCE = new ExitedProcess();

    private ExitedProcess() {
    }

    @Override
    public long pid() {
        return -1;
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return CompletableFuture.completedFuture(0);
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
