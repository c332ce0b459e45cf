package dev.livy.server.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits in tests for what background threads do: fails if the condition does not hold within five seconds. */
public final class Eventually {
    private static final Duration LIMIT = Duration.ofSeconds(5);

    private Eventually() {
    }

    public static void holds(BooleanSupplier condition) {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + LIMIT.toSeconds() + "s");
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
