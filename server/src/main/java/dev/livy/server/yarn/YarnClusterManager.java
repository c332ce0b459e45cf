package dev.livy.server.yarn;

import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.LocalClusterManager;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * YARN: the application id still comes from spark-submit's output, but state, links and diagnostics come from the
 * ResourceManager through the server's one {@link YarnApplicationPoller}, and a stop kills the application through
 * the ResourceManager as well as signalling spark-submit. In cluster mode the ResourceManager's report, not
 * spark-submit's exit, decides how a batch ends. Thread-safe.
 */
public final class YarnClusterManager implements ClusterManager {
    private final LocalClusterManager output;
    private final boolean clusterMode;
    private final YarnApplicationPoller poller;

    public YarnClusterManager(boolean clusterMode, YarnApplicationPoller poller) {
        this.output = new LocalClusterManager(clusterMode);
        this.clusterMode = clusterMode;
        this.poller = Objects.requireNonNull(poller, "poller");
    }

    @Override
    public void checkReachable() throws IOException {
        poller.checkReachable();
    }

    @Override
    public boolean driverOnServer() {
        return !clusterMode;
    }

    @Override
    public Optional<String> applicationId(String line) {
        return output.applicationId(line);
    }

    @Override
    public Optional<String> sparkUiUrl(String line) {
        return output.sparkUiUrl(line);
    }

    @Override
    public Optional<SessionState> reportedState(String line) {
        return output.reportedState(line);
    }

    @Override
    public boolean reportsEnd() {
        return clusterMode;
    }

    @Override
    public void follow(String applicationId, Consumer<ApplicationReport> listener) {
        poller.follow(applicationId, application -> listener.accept(application.toReport()));
    }

    @Override
    public void terminate(ChildProcess launch, Optional<String> applicationId) {
        applicationId.ifPresent(poller::kill);
        output.terminate(launch, applicationId);
    }

    @Override
    public void kill(ChildProcess launch) {
        output.kill(launch);
    }
}
