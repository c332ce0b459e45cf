package dev.livy.server.validation;

import dev.livy.common.SessionKind;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.session.SessionLimits;
import java.time.Duration;
import java.util.Optional;

/** A create-session request that passed validation. */
public record NewSession(
        SessionKind kind,
        String proxyUser,
        SparkResources resources,
        Optional<Duration> heartbeatTimeout,
        Optional<Duration> ttl,
        Optional<Duration> idleTimeout) {

    public SessionLimits limits() {
        return new SessionLimits(heartbeatTimeout, ttl, idleTimeout);
    }
}
