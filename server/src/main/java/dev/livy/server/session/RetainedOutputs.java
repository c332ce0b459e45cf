package dev.livy.server.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server-wide byte budget of retained statement outputs: finished statements of every session in the order
 * they finished. When the total passes the limit, the oldest are handed back to their sessions to drop (the newest
 * always stays, so a client polling for it still finds it). Thread-safe: one lock, never held while calling a
 * session.
 */
public final class RetainedOutputs {
    private final long limit;
    private final Set<Entry> entries = new LinkedHashSet<>();
    private long total;

    public RetainedOutputs(long limit) {
        this.limit = limit;
    }

    /** A finished statement's output and the session holding it. */
    record Entry(SessionStatements owner, Statement statement, long bytes) {
    }

    /** Counts a newly finished statement; returns the older entries the sessions must now drop. */
    synchronized List<Entry> retain(Entry entry) {
        entries.add(entry);
        total += entry.bytes();
        List<Entry> evicted = new ArrayList<>();
        Iterator<Entry> oldestFirst = entries.iterator();
        while (total > limit && entries.size() > 1) {
            Entry oldest = oldestFirst.next();
            oldestFirst.remove();
            total -= oldest.bytes();
            evicted.add(oldest);
        }
        return evicted;
    }

    /** The session dropped the statement itself (or was forgotten): no longer counted. */
    synchronized void release(Entry entry) {
        if (entries.remove(entry)) {
            total -= entry.bytes();
        }
    }

    synchronized long total() {
        return total;
    }
}
