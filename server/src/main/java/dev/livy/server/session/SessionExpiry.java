package dev.livy.server.session;

import dev.livy.common.SessionState;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides when a live session must be stopped, and says why: its driver took too long to start, its lifetime
 * ({@code ttl}) is over, it has been idle too long, or no request has touched it within its heartbeat timeout.
 * A session's own {@code ttl} and {@code idleTimeout} always apply; the server's defaults apply only where their
 * check is enabled. Pure and immutable.
 */
public final class SessionExpiry {
    private final Duration startTimeout;
    private final boolean idleCheck;
    private final Duration defaultIdleTimeout;
    private final boolean skipBusy;
    private final boolean ttlCheck;
    private final Optional<Duration> defaultTtl;

    public SessionExpiry(Duration startTimeout, boolean idleCheck, Duration defaultIdleTimeout, boolean skipBusy,
            boolean ttlCheck, Optional<Duration> defaultTtl) {
        this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
        this.idleCheck = idleCheck;
        this.defaultIdleTimeout = Objects.requireNonNull(defaultIdleTimeout, "defaultIdleTimeout");
        this.skipBusy = skipBusy;
        this.ttlCheck = ttlCheck;
        this.defaultTtl = Objects.requireNonNull(defaultTtl, "defaultTtl");
    }

    /** Never stops a session on its own: for tests of everything else. */
    public static SessionExpiry never() {
        return new SessionExpiry(Duration.ofDays(365), false, Duration.ZERO, true, false, Optional.empty());
    }

    /**
     * @param times milliseconds: when the session was created, last did work, and was last touched by a request
     * @return why the session must stop now, or empty
     */
    public Optional<String> reasonToStop(SessionState state, SessionLimits limits, SessionTimes times, long now) {
        if (state.isFinal() || state == SessionState.SHUTTING_DOWN) {
            return Optional.empty();
        }
        if (state == SessionState.STARTING && elapsed(times.createdAt(), now).compareTo(startTimeout) > 0) {
            return Optional.of("the driver did not start within " + describe(startTimeout)
                    + " (livy.server.session.start-timeout)");
        }
        Optional<Duration> ttl = limits.ttl().or(() -> ttlCheck ? defaultTtl : Optional.empty());
        if (ttl.isPresent() && elapsed(times.createdAt(), now).compareTo(ttl.get()) > 0) {
            return Optional.of("its time to live of " + describe(ttl.get()) + " is over"
                    + (limits.ttl().isPresent() ? " (ttl)" : " (livy.server.session.ttl)"));
        }
        Optional<Duration> heartbeat = limits.heartbeatTimeout();
        if (heartbeat.isPresent() && elapsed(times.lastTouched(), now).compareTo(heartbeat.get()) > 0) {
            return Optional.of("no request touched it for " + describe(heartbeat.get())
                    + " (heartbeatTimeoutInSecond)");
        }
        Optional<Duration> idle = limits.idleTimeout().or(() -> idleCheck ? Optional.of(defaultIdleTimeout)
                : Optional.empty());
        boolean skip = state == SessionState.STARTING || (state == SessionState.BUSY && skipBusy);
        if (idle.isPresent() && !skip && elapsed(times.lastActivity(), now).compareTo(idle.get()) > 0) {
            return Optional.of("it was idle for " + describe(idle.get())
                    + (limits.idleTimeout().isPresent() ? " (idleTimeout)" : " (livy.server.session.timeout)"));
        }
        return Optional.empty();
    }

    private static Duration elapsed(long since, long now) {
        return Duration.ofMillis(Math.max(0, now - since));
    }

    private static String describe(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + "h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }
}
