package dev.livy.server.launch;

import dev.livy.common.SessionState;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What differs between the cluster managers an application can run on (local, standalone, YARN, Kubernetes): how
 * the server learns the application's id, UI address and state, and how it stops the application. The launch
 * itself is the same spark-submit for all ({@link SparkApplicationLauncher}). The seam where a cluster manager
 * that is asked rather than read from spark-submit's output plugs in. Implementations are thread-safe.
 */
public interface ClusterManager {

    /**
     * Whether the driver runs in spark-submit's process on the server's host (client deploy mode): then the server
     * may add its own listener to the driver, and the application runs as soon as spark-submit does. Otherwise it
     * is starting until the cluster reports it running ({@link #reportedState}).
     */
    boolean driverOnServer();

    /**
     * Whether, in cluster deploy mode, files given to spark-submit ({@code --files}) reach the driver's working
     * directory (YARN). When not (a standalone master copies only the application's jar to the worker), a
     * session's driver reads its launch config at the server's path, which the cluster's nodes must then see.
     */
    default boolean filesReachDriver() {
        return !driverOnServer();
    }

    /** Spark properties the server sets for a session's spark-submit on this cluster manager. */
    default Map<String, String> sessionSubmitConf() {
        return Map.of();
    }

    /**
     * Fails, in words for the session's or batch's log, when the cluster manager cannot take an application now:
     * spark-submit would retry for minutes before giving up (YARN's client for {@code
     * yarn.resourcemanager.connect.max-wait.ms}, 15 minutes by default; a standalone driver three registrations of
     * 20 s). Called on a launcher thread before each spark-submit; blocks a few seconds at most. Managers that
     * cannot be asked accept.
     */
    default void checkReachable() throws IOException {
    }

    /** The application id a line of spark-submit's (or the driver's) output names, if any. */
    Optional<String> applicationId(String line);

    /** The address of the application's UI a line of output names, if any. */
    Optional<String> sparkUiUrl(String line);

    /** The state a line of output reports for the application: starting or running; empty when it reports none. */
    Optional<SessionState> reportedState(String line);

    /**
     * Whether the cluster manager's reports, not spark-submit's exit, decide how the application ends: in cluster
     * mode spark-submit may exit as soon as the application is submitted.
     */
    default boolean reportsEnd() {
        return false;
    }

    /**
     * Follows the application in the cluster manager until it ends; {@code listener} gets each report on the
     * manager's one shared poller thread and must not block. Managers that report nothing ignore it.
     */
    default void follow(String applicationId, Consumer<ApplicationReport> listener) {
    }

    /**
     * Asks the application to stop: SIGTERM to {@code launch}, the spark-submit run that started it, and where the
     * cluster manager can be asked, the application in the cluster ({@code applicationId}, when known). Does not
     * wait for the cluster manager: a request thread may call it.
     */
    void terminate(ChildProcess launch, Optional<String> applicationId);

    /** Stops what is left of the application at once (SIGKILL). */
    void kill(ChildProcess launch);
}
