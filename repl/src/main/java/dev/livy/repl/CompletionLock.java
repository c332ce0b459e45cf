package dev.livy.repl;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.function.Supplier;

/**
 * Runs a completion under an interpreter's statement lock, or answers no candidates when a statement holds the
 * lock for longer than a notebook will wait. Stateless.
 */
final class CompletionLock {
    private static final long WAIT_MILLIS = 200;

    private CompletionLock() {
    }

    static List<String> completeOrEmpty(Lock lock, Supplier<List<String>> completion) {
        try {
            if (!lock.tryLock(WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                return List.of();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
        try {
            return completion.get();
        } finally {
            lock.unlock();
        }
    }
}
