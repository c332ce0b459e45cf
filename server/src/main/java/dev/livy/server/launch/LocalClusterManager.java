package dev.livy.server.launch;

import dev.livy.common.SessionState;
import java.util.Optional;

/**
 * The first {@link ClusterManager}, and what the server does for every master today: the application's id, UI
 * address and (YARN) state are read from spark-submit's output ({@link SparkAppOutput}), and the application is
 * stopped by signals to spark-submit's process tree, which holds the driver in client mode. Thread-safe
 * (immutable).
 */
public final class LocalClusterManager implements ClusterManager {
    private final boolean clusterMode;

    /** @param clusterMode whether spark-submit runs with {@code --deploy-mode cluster} */
    public LocalClusterManager(boolean clusterMode) {
        this.clusterMode = clusterMode;
    }

    @Override
    public boolean driverOnServer() {
        return !clusterMode;
    }

    @Override
    public Optional<String> applicationId(String line) {
        return SparkAppOutput.applicationId(line);
    }

    @Override
    public Optional<String> sparkUiUrl(String line) {
        return SparkAppOutput.sparkUiUrl(line);
    }

    @Override
    public Optional<SessionState> reportedState(String line) {
        return SparkAppOutput.clusterState(line);
    }

    @Override
    public void terminate(ChildProcess launch, Optional<String> applicationId) {
        launch.terminateTree();
    }

    @Override
    public void kill(ChildProcess launch) {
        launch.killTree();
    }
}
