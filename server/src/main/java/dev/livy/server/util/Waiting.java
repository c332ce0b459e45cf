package dev.livy.server.util;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for processes to end at shutdown, where nothing pushes: a short sleep between looks, up to a limit. */
public final class Waiting {
    private static final long LOOK_EVERY_MILLIS = 50;

    private Waiting() {
    }

    /** @return whether the condition held before the limit (false also when interrupted) */
    public static boolean until(BooleanSupplier condition, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(LOOK_EVERY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
