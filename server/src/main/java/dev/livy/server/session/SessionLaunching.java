package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts sessions' drivers: one {@link SessionLauncher} for a server with one Spark, {@link SessionLaunchers} to
 * choose among several Spark homes by the session's conf. Implementations are thread-safe.
 */
public interface SessionLaunching {
    /** Launches the session's driver; the caller owns the returned process. */
    ChildProcess launch(int sessionId, SessionKind kind, String secret, SparkResources resources, LogBuffer log)
            throws IOException;

    /** Removes the session's working directory, and the secrets in it. */
    void cleanUp(int sessionId);

    /** Where files uploaded to the session go: in its private working directory, removed with it. */
    Path uploadDirectory(int sessionId) throws IOException;

    /** How the sessions' applications are followed and stopped on the cluster they run on. */
    ClusterManager cluster();

    /** What the session's view says, in {@code appInfo}, about the Spark these resources run on. */
    Map<String, String> sparkInfo(SparkResources resources);
}
