package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.SessionState;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionExpiryTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final SessionExpiry DEFAULTS = new SessionExpiry(Duration.ofMinutes(10), true,
            Duration.ofHours(1), false, true, Optional.empty());

    @Test
    void anIdleSessionStopsAfterTheServerTimeoutCountedFromItsLastWork() {
        SessionTimes times = new SessionTimes(0, 5 * HOUR, 9 * HOUR);

        assertEquals(Optional.empty(), DEFAULTS.reasonToStop(SessionState.IDLE, SessionLimits.none(), times,
                6 * HOUR));
        assertEquals(Optional.of("it was idle for 1h (livy.server.session.timeout)"),
                DEFAULTS.reasonToStop(SessionState.IDLE, SessionLimits.none(), times, 6 * HOUR + 1));
    }

    @Test
    void skipBusySparesBusySessionsOnly() {
        SessionExpiry skipBusy = new SessionExpiry(Duration.ofMinutes(10), true, Duration.ofHours(1), true, true,
                Optional.empty());
        SessionTimes times = new SessionTimes(0, 0, 0);

        assertEquals(Optional.empty(), skipBusy.reasonToStop(SessionState.BUSY, SessionLimits.none(), times,
                2 * HOUR));
        assertEquals(Optional.of("it was idle for 1h (livy.server.session.timeout)"),
                DEFAULTS.reasonToStop(SessionState.BUSY, SessionLimits.none(), times, 2 * HOUR));
    }

    @Test
    void aSessionsOwnIdleTimeoutAndTtlApplyEvenWhenTheServerChecksAreOff() {
        SessionExpiry checksOff = new SessionExpiry(Duration.ofMinutes(10), false, Duration.ofHours(1), false,
                false, Optional.of(Duration.ofMinutes(1)));
        SessionLimits own = new SessionLimits(Optional.empty(), Optional.of(Duration.ofHours(8)),
                Optional.of(Duration.ofMinutes(30)));

        assertEquals(Optional.empty(), checksOff.reasonToStop(SessionState.IDLE, SessionLimits.none(),
                new SessionTimes(0, 0, 0), 100 * HOUR));
        assertEquals(Optional.of("it was idle for 30m (idleTimeout)"), checksOff.reasonToStop(SessionState.IDLE,
                own, new SessionTimes(0, 0, 0), HOUR));
        assertEquals(Optional.of("its time to live of 8h is over (ttl)"), checksOff.reasonToStop(
                SessionState.BUSY, own, new SessionTimes(0, 9 * HOUR, 9 * HOUR), 9 * HOUR));
    }

    @Test
    void theServerTtlCountsFromCreationBusyOrNot() {
        SessionExpiry ttl = new SessionExpiry(Duration.ofMinutes(10), false, Duration.ofHours(1), true, true,
                Optional.of(Duration.ofHours(2)));

        assertEquals(Optional.of("its time to live of 2h is over (livy.server.session.ttl)"),
                ttl.reasonToStop(SessionState.BUSY, SessionLimits.none(), new SessionTimes(0, 2 * HOUR, 2 * HOUR),
                        2 * HOUR + 1));
    }

    @Test
    void theHeartbeatCountsFromTheLastRequestThatTouchedTheSession() {
        SessionLimits heartbeat = new SessionLimits(Optional.of(Duration.ofSeconds(60)), Optional.empty(),
                Optional.empty());
        long now = 1_000_000;

        assertEquals(Optional.empty(), DEFAULTS.reasonToStop(SessionState.BUSY, heartbeat,
                new SessionTimes(0, now, now - 60_000), now));
        assertEquals(Optional.of("no request touched it for 1m (heartbeatTimeoutInSecond)"),
                DEFAULTS.reasonToStop(SessionState.BUSY, heartbeat, new SessionTimes(0, now, now - 60_001), now));
    }

    @Test
    void aDriverThatNeverStartsIsStoppedAndEndedSessionsAreLeftAlone() {
        assertEquals(Optional.of("the driver did not start within 10m (livy.server.session.start-timeout)"),
                DEFAULTS.reasonToStop(SessionState.STARTING, SessionLimits.none(), new SessionTimes(0, 0, 0),
                        10 * 60_000 + 1));
        for (SessionState state : new SessionState[] {SessionState.SHUTTING_DOWN, SessionState.DEAD,
                SessionState.KILLED}) {
            assertEquals(Optional.empty(), DEFAULTS.reasonToStop(state, SessionLimits.none(),
                    new SessionTimes(0, 0, 0), 100 * HOUR));
        }
    }
}
