package dev.livy.server.yarn;

import java.io.IOException;
import java.util.Optional;

/**
 * YARN's ResourceManager, as the server needs it: an application's report and its kill. A port so that the
 * poller and the cluster manager are tested against a hand-written fake; {@link ResourceManagerRest} talks to the
 * real one over its REST API (the server loads no Hadoop class). Implementations are thread-safe.
 */
public interface ResourceManager {

    /** The application's report; empty if the ResourceManager does not know the application (yet). */
    Optional<YarnApplication> application(String applicationId) throws IOException;

    /** Fails, in words for a user, when the ResourceManager does not answer at all. */
    void checkReachable() throws IOException;

    /** Asks the ResourceManager to kill the application (it ends {@code KILLED}). */
    void kill(String applicationId) throws IOException;
}
