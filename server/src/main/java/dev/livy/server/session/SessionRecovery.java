package dev.livy.server.session;

import dev.livy.server.launch.AdoptedProcess;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.ProcessIdentity;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Brings one stored session back: the session with its statements, its driver's process found again when it ran
 * on this host (and {@code dead} at once when that process is gone), and the deadline by which its driver must
 * reconnect. Stateless.
 */
final class SessionRecovery {
    private SessionRecovery() {
    }

    static InteractiveSession restore(SessionJournal.Recovered recovered,
            Function<StoredSession, InteractiveSession> sessions, ClusterManager cluster, Duration reconnectTimeout,
            ScheduledExecutorService timers) {
        StoredSession stored = recovered.session();
        InteractiveSession session = sessions.apply(stored);
        session.restoreStatements(recovered.statements());
        if (stored.driverPid() == null) {
            session.adopt(cluster, Optional.empty());
        } else {
            ProcessIdentity identity = new ProcessIdentity(stored.driverPid(),
                    stored.driverStartedAt() == null ? 0 : stored.driverStartedAt());
            Optional<ChildProcess> found = AdoptedProcess.find(identity, () -> -1).map(ChildProcess.class::cast);
            session.adopt(cluster, found);
            if (found.isEmpty()) {
                session.recoveryFailed("the driver process (pid " + identity.pid()
                        + ") was gone when the server restarted");
                return session;
            }
        }
        timers.schedule(() -> session.recoveryFailed("the driver did not reconnect within "
                + reconnectTimeout + " (livy.rsc.server.reconnect-timeout)"),
                reconnectTimeout.toMillis(), TimeUnit.MILLISECONDS);
        return session;
    }
}
