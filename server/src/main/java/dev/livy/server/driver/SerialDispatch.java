package dev.livy.server.driver;

import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's tasks one at a time, in the order they were given, on a shared executor: a connection
 * with nothing to deliver holds no thread. Thread-safe.
 */
final class SerialDispatch {
    private static final Logger LOG = LoggerFactory.getLogger(SerialDispatch.class);

    private final Executor executor;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();

    SerialDispatch(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    void submit(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // The pool has shut down with the server: what is left (a disconnect notice) runs here.
                drain();
            }
        }
    }

    /** Tasks given and not yet finished, the running one included. */
    int pending() {
        return pending.get();
    }

    private void drain() {
        do {
            try {
                tasks.remove().run();
            } catch (RuntimeException e) {
                // The connection's own tasks catch what they fail on; this keeps the queue moving regardless.
                LOG.error("A driver connection's task failed", e);
            }
        } while (pending.decrementAndGet() > 0);
    }
}
