package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The driver's own record of its statements, so that a server that restarted can be told what happened while it
 * was away ({@link DriverMessage.Resync}): every statement queued or running, and the last {@code maxEnded} that
 * ended, each with the message that reported its end. Statement events pass through it on their way to the
 * server. Thread-safe.
 */
final class StatementLedger implements Consumer<DriverMessage.FromDriver> {
    /** A statement the driver has: queued, running, or ended with the message that said so. */
    private record Entry(boolean running, DriverMessage.FromDriver end) {
    }

    private final Consumer<DriverMessage.FromDriver> server;
    private final int maxEnded;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private final Deque<Integer> ended = new ArrayDeque<>();

    /**
     * @param server   where events go (the server channel; what it cannot deliver is answered from here later)
     * @param maxEnded how many ended statements are remembered, with their outputs
     */
    StatementLedger(Consumer<DriverMessage.FromDriver> server, int maxEnded) {
        this.server = Objects.requireNonNull(server, "server");
        this.maxEnded = maxEnded;
    }

    /** The server sent the statement; called before it is queued. */
    synchronized void queued(int statementId) {
        entries.putIfAbsent(statementId, new Entry(false, null));
    }

    @Override
    public void accept(DriverMessage.FromDriver event) {
        synchronized (this) {
            record(event);
        }
        server.accept(event);
    }

    private void record(DriverMessage.FromDriver event) {
        if (event instanceof DriverMessage.StatementStarted started) {
            entries.put(started.statementId(), new Entry(true, null));
        } else if (event instanceof DriverMessage.StatementCompleted completed) {
            end(completed.statementId(), event);
        } else if (event instanceof DriverMessage.StatementCancelled cancelled) {
            end(cancelled.statementId(), event);
        }
    }

    private void end(int statementId, DriverMessage.FromDriver event) {
        if (entries.put(statementId, new Entry(true, event)) == null || !ended.contains(statementId)) {
            ended.addLast(statementId);
        }
        while (ended.size() > maxEnded) {
            entries.remove(ended.removeFirst());
        }
    }

    /**
     * Answers a restarted server about the statements it still has as active: how each ended, that it runs, nothing
     * while it is queued, or that the driver never received it.
     */
    void answer(List<Integer> statementIds) {
        for (int id : statementIds) {
            Entry entry;
            synchronized (this) {
                entry = entries.get(id);
            }
            if (entry == null) {
                server.accept(new DriverMessage.StatementUnknown(id));
            } else if (entry.end() != null) {
                server.accept(entry.end());
            } else if (entry.running()) {
                server.accept(new DriverMessage.StatementStarted(id));
            }
        }
    }
}
