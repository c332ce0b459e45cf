package dev.livy.server.launch;

import dev.livy.common.SessionState;
import java.util.Optional;

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

    /** The application id a line of spark-submit's (or the driver's) output names, if any. */
    Optional<String> applicationId(String line);

    /** The address of the application's UI a line of output names, if any. */
    Optional<String> sparkUiUrl(String line);

    /** The state a line of output reports for the application: starting or running; empty when it reports none. */
    Optional<SessionState> reportedState(String line);

    /** Asks the application to stop (SIGTERM); {@code launch} is the spark-submit run that started it. */
    void terminate(ChildProcess launch);

    /** Stops what is left of the application at once (SIGKILL). */
    void kill(ChildProcess launch);
}
