package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.StatementOutput;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs statements one at a time, first in first out, on its own thread, each in its own Spark job group, and
 * reports each one's start and end. Cancel drops a waiting statement, or cancels the running one's Spark jobs and
 * interrupts its interpreter, which then ends with an output like any other. Thread-safe.
 */
final class StatementRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StatementRunner.class);

    private final Interpreters interpreters;
    private final Consumer<DriverMessage.FromDriver> events;
    private final JobGroups jobGroups;
    private final OutputSizeLimit outputLimit;
    private final BlockingDeque<DriverMessage.Execute> queue = new LinkedBlockingDeque<>();
    private final Set<Integer> cancelledBeforeStart = new HashSet<>();
    private final Thread thread;
    private DriverMessage.Execute running;

    /**
     * @param events    where started/completed/cancelled events go (the server channel)
     * @param jobGroups the Spark job group of each statement
     */
    StatementRunner(Interpreters interpreters, Consumer<DriverMessage.FromDriver> events, JobGroups jobGroups,
            OutputSizeLimit outputLimit) {
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.events = Objects.requireNonNull(events, "events");
        this.jobGroups = Objects.requireNonNull(jobGroups, "jobGroups");
        this.outputLimit = Objects.requireNonNull(outputLimit, "outputLimit");
        this.thread = new Thread(this::runLoop, "statement-runner");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void submit(DriverMessage.Execute statement) {
        queue.add(statement);
    }

    void cancel(int statementId) {
        DriverMessage.Execute toInterrupt;
        synchronized (this) {
            if (queue.removeIf(statement -> statement.statementId() == statementId)) {
                events.accept(new DriverMessage.StatementCancelled(statementId));
                return;
            }
            if (running == null || running.statementId() != statementId) {
                cancelledBeforeStart.add(statementId);
                return;
            }
            toInterrupt = running;
        }
        LOG.info("Cancelling statement {}", statementId);
        jobGroups.cancel(statementId);
        interpreters.interrupt(toInterrupt.kind());
    }

    private void runLoop() {
        while (!Thread.currentThread().isInterrupted()) {
            DriverMessage.Execute statement;
            try {
                statement = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            int id = statement.statementId();
            synchronized (this) {
                if (cancelledBeforeStart.remove(id)) {
                    events.accept(new DriverMessage.StatementCancelled(id));
                    continue;
                }
                running = statement;
            }
            events.accept(new DriverMessage.StatementStarted(id));
            StatementOutput output = run(statement);
            synchronized (this) {
                running = null;
            }
            // Also when cancelled: the server, which asked for the cancel, makes the statement cancelled and keeps
            // what the interrupted statement said (the interrupt, a truncated output), as Livy does.
            events.accept(new DriverMessage.StatementCompleted(id, output));
        }
    }

    private StatementOutput run(DriverMessage.Execute statement) {
        int id = statement.statementId();
        try {
            jobGroups.enter(id);
            return outputLimit.apply(id, interpreters.execute(statement.kind(), id, statement.code()));
        } catch (Throwable e) {
            // Even an Error (OutOfMemoryError from a huge result): it belongs to this statement, and the thread
            // must go on with the next one, or every later statement would wait forever.
            LOG.error("Statement {} failed inside the driver", id, e);
            return Outputs.error(id, "InternalError", String.valueOf(e));
        } finally {
            try {
                jobGroups.exit(id);
            } catch (RuntimeException e) {
                LOG.warn("Cannot clear the job group of statement {}", id, e);
            }
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
