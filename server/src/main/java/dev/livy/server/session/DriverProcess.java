package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.GoneProcess;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.util.StateMachine;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spark-submit process that runs a session's driver: started on a launcher thread unless the session was
 * stopped meanwhile, stopped through its cluster manager (signals, and on YARN a kill through the
 * ResourceManager once the driver has named its application), and watched until it exits, which ends the session.
 * Thread-safe.
 */
final class DriverProcess {
    private static final Logger LOG = LoggerFactory.getLogger(DriverProcess.class);

    private final int sessionId;
    private final StateMachine<SessionState> lifecycle;
    private final LogBuffer log;
    private volatile ChildProcess process;
    private volatile ClusterManager cluster;
    private volatile Supplier<String> applicationId = () -> null;
    private volatile boolean adoptedWithoutProcess;

    DriverProcess(int sessionId, StateMachine<SessionState> lifecycle, LogBuffer log) {
        this.sessionId = sessionId;
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** Starts the driver unless the session was stopped meanwhile; a failed start ends the session {@code dead}. */
    void launch(SessionLaunching launcher, SessionKind kind, String secret, SparkResources resources,
            Supplier<String> reportedApplicationId, Consumer<ChildProcess> onStarted) {
        if (lifecycle.get() == SessionState.SHUTTING_DOWN) {
            lifecycle.moveTo(SessionState.KILLED);
            return;
        }
        cluster = launcher.cluster();
        applicationId = Objects.requireNonNull(reportedApplicationId, "reportedApplicationId");
        try {
            cluster.checkReachable();
        } catch (IOException e) {
            LOG.warn("Session {}: not submitted: {}", sessionId, e.getMessage());
            log.appendStderr("livy: cannot submit the application: " + e.getMessage());
            lifecycle.moveTo(SessionState.DEAD);
            return;
        }
        try {
            ChildProcess started = launcher.launch(sessionId, kind, secret, resources, log);
            process = started;
            LOG.info("Session {}: spark-submit started (pid {})", sessionId, started.pid());
            onStarted.accept(started);
            started.onExit().thenAccept(this::exited);
            if (lifecycle.get() == SessionState.SHUTTING_DOWN) {
                started.terminateTree();
            }
        } catch (Exception e) {
            LOG.warn("Session {}: cannot launch spark-submit", sessionId, e);
            log.appendStderr("livy: cannot launch spark-submit: " + e.getMessage());
            lifecycle.moveTo(SessionState.DEAD);
        }
    }

    /**
     * A recovered session's driver, which an earlier server launched: its process when it runs on this host
     * ({@code found}), else none, and then the session is stopped through the cluster manager alone.
     */
    void adopt(ClusterManager clusterManager, Optional<ChildProcess> found, Supplier<String> reportedApplicationId) {
        cluster = Objects.requireNonNull(clusterManager, "clusterManager");
        applicationId = Objects.requireNonNull(reportedApplicationId, "reportedApplicationId");
        if (found.isEmpty()) {
            adoptedWithoutProcess = true;
            return;
        }
        process = found.get();
        found.get().onExit().thenAccept(this::exited);
    }

    /** Hands the cluster manager's reports of the application the driver named to {@code listener}. */
    void follow(String applicationId, Consumer<ApplicationReport> listener) {
        ClusterManager current = cluster;
        if (current != null && applicationId != null) {
            current.follow(applicationId, listener);
        }
    }

    /** SIGTERM to spark-submit and everything it started, if it still runs, and the application's kill. */
    void terminate() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            cluster.terminate(current, Optional.ofNullable(applicationId.get()));
            return;
        }
        if (adoptedWithoutProcess) {
            cluster.terminate(GoneProcess.INSTANCE, Optional.ofNullable(applicationId.get()));
            if (lifecycle.get() == SessionState.SHUTTING_DOWN) {
                lifecycle.moveTo(SessionState.KILLED);
            }
        }
    }

    /** SIGKILL to whatever is left of the process tree. */
    void kill() {
        ChildProcess current = process;
        if (current != null) {
            current.killTree();
        }
    }

    private void exited(int exitCode) {
        boolean stopping = lifecycle.get() == SessionState.SHUTTING_DOWN;
        if (!stopping) {
            log.appendStderr("livy: driver process exited with code " + exitCode);
        }
        LOG.info("Session {}: driver process exited with code {}", sessionId, exitCode);
        lifecycle.moveTo(stopping ? SessionState.KILLED : SessionState.DEAD);
    }
}
