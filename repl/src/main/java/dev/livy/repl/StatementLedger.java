package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.JsonSize;
import dev.livy.common.protocol.StatementOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The driver's own record of its statements, so that a server that restarted can be told what happened while it
 * was away ({@link DriverMessage.Resync}): every statement queued or running, and the last that ended (at most
 * {@code maxEnded}, with outputs of at most {@code maxEndedBytes} together), each with the message that reported its
 * end. Statement events pass through it on their way to the server. Thread-safe.
 */
final class StatementLedger implements Consumer<DriverMessage.FromDriver> {
    /** A statement the driver has: queued, running, or ended with the message that said so. */
    private record Entry(boolean running, DriverMessage.FromDriver end, long bytes) {
    }

    private final Consumer<DriverMessage.FromDriver> server;
    private final int maxEnded;
    private final long maxEndedBytes;
    private final Map<Integer, Entry> entries = new HashMap<>();
    private final Deque<Integer> ended = new ArrayDeque<>();
    private long endedBytes;
    private int highestQueued = -1;

    /**
     * @param server   where events go (the server channel; what it cannot deliver is answered from here later)
     * @param maxEnded      how many ended statements are remembered, with their outputs
     * @param maxEndedBytes how large their outputs may be together, as JSON
     */
    StatementLedger(Consumer<DriverMessage.FromDriver> server, int maxEnded, long maxEndedBytes) {
        this.server = Objects.requireNonNull(server, "server");
        this.maxEnded = maxEnded;
        this.maxEndedBytes = maxEndedBytes;
    }

    /** The server sent the statement; called before it is queued. */
    synchronized void queued(int statementId) {
        entries.putIfAbsent(statementId, new Entry(false, null, 0));
        highestQueued = Math.max(highestQueued, statementId);
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
            entries.put(started.statementId(), new Entry(true, null, 0));
        } else if (event instanceof DriverMessage.StatementCompleted completed) {
            end(completed.statementId(), event, sizeOf(completed.output()));
        } else if (event instanceof DriverMessage.StatementCancelled cancelled) {
            end(cancelled.statementId(), event, 0);
        }
    }

    private void end(int statementId, DriverMessage.FromDriver event, long bytes) {
        Entry previous = entries.put(statementId, new Entry(true, event, bytes));
        if (previous != null && previous.end() != null) {
            endedBytes -= previous.bytes();
        } else {
            ended.addLast(statementId);
        }
        endedBytes += bytes;
        while (ended.size() > maxEnded || endedBytes > maxEndedBytes) {
            endedBytes -= entries.remove(ended.removeFirst()).bytes();
        }
    }

    private static long sizeOf(StatementOutput output) {
        try {
            return JsonSize.of(output);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * Answers a restarted server about the statements it still has as active: how each ended (an error saying so
     * when its output is no longer kept), that it runs, nothing while it is queued, or that the driver never
     * received it. Statements arrive in id order, so one above every id received is one never received.
     */
    void answer(List<Integer> statementIds) {
        for (int id : statementIds) {
            Entry entry;
            boolean received;
            synchronized (this) {
                entry = entries.get(id);
                received = id <= highestQueued;
            }
            if (entry == null && received) {
                server.accept(new DriverMessage.StatementCompleted(id, Outputs.error(id, "OutputLost",
                        "The statement ended while the server was away, and the driver no longer keeps its "
                                + "output.")));
            } else if (entry == null) {
                server.accept(new DriverMessage.StatementUnknown(id));
            } else if (entry.end() != null) {
                server.accept(entry.end());
            } else if (entry.running()) {
                server.accept(new DriverMessage.StatementStarted(id));
            }
        }
    }
}
