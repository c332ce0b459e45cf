package dev.livy.server.session;

import java.time.Clock;
import java.util.Objects;

/**
 * When a session was created, last did work and was last touched by a request: what its expiry is measured
 * from. Thread-safe: each time is one volatile field.
 */
final class SessionActivity {
    private final Clock clock;
    private final long createdAt;
    private volatile long lastActivity;
    private volatile long lastTouched;

    SessionActivity(Clock clock) {
        this(clock, clock.millis());
    }

    /** A session created at {@code createdAt}, active and touched now (a recovered one starts its clocks again). */
    SessionActivity(Clock clock, long createdAt) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.createdAt = createdAt;
        this.lastActivity = clock.millis();
        this.lastTouched = lastActivity;
    }

    /** A request reached the session: the heartbeat. */
    void touch() {
        lastTouched = clock.millis();
    }

    /** The session did work: the idle clock starts again. */
    void recordActivity() {
        lastActivity = clock.millis();
    }

    /** A request asked the session for work: both clocks start again. */
    void touchAndRecordActivity() {
        touch();
        recordActivity();
    }

    SessionTimes times() {
        return new SessionTimes(createdAt, lastActivity, lastTouched);
    }
}
