package dev.livy.server.session;

import java.time.Duration;
import java.util.Optional;

/** What one session's request asked for: each empty means the server's default applies (or none). */
public record SessionLimits(Optional<Duration> heartbeatTimeout, Optional<Duration> ttl,
        Optional<Duration> idleTimeout) {

    public static SessionLimits none() {
        return new SessionLimits(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
