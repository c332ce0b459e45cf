package dev.livy.server.driver;

import java.time.Duration;

/**
 * How many failures of one kind are logged one by one per window; the rest are only counted, so a flood of bad
 * connections cannot flood the log too. Pure: the caller passes the time. Not thread-safe: confined to its thread.
 */
final class LogBudget {
    private final int perWindow;
    private final long windowNanos;
    private long windowStart;
    private int logged;
    private int suppressed;

    LogBudget(int perWindow, Duration window, long nowNanos) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
        this.windowStart = nowNanos;
    }

    /** Counts a failure; true when it may be logged on its own. */
    boolean tryLog(long nowNanos) {
        if (nowNanos - windowStart >= windowNanos && suppressed == 0) {
            windowStart = nowNanos;
            logged = 0;
        }
        if (logged < perWindow) {
            logged++;
            return true;
        }
        suppressed++;
        return false;
    }

    /** Once the window has ended: how many failures were not logged in it (0 when none), and a new window. */
    int drainSuppressed(long nowNanos) {
        if (nowNanos - windowStart < windowNanos) {
            return 0;
        }
        int count = suppressed;
        windowStart = nowNanos;
        logged = 0;
        suppressed = 0;
        return count;
    }
}
