package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session's statement history: statements by id (from 0, never reused), how many are still waiting or running,
 * and what is retained. Finished statements beyond {@link StatementRetention} (count, this session's bytes, the
 * server's bytes) are dropped oldest first; waiting and running ones never are. Lookups take no lock; changes
 * synchronise on this object, which may then take the server budget's lock (never the other way). Adding is also
 * serialised by the caller (the session), which must agree with the driver connection. Thread-safe.
 */
final class SessionStatements {
    private static final Logger LOG = LoggerFactory.getLogger(SessionStatements.class);
    private final StatementRetention retention;
    private final ConcurrentSkipListMap<Integer, Statement> byId = new ConcurrentSkipListMap<>();
    private final Map<Statement, RetainedOutputs.Entry> finished = new HashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private int nextId;
    private long retainedBytes;

    private final SessionObserver observer;
    private final StatementJournal journal;
    private volatile boolean restoring;

    SessionStatements(StatementRetention retention, SessionObserver observer, StatementJournal journal) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * Called with the session's lock held. The statement is recorded in the journal before it counts.
     *
     * @throws LivyException 503 when the journal cannot record it
     */
    synchronized Statement add(String code, CodeKind kind) {
        Statement statement = new Statement(nextId, code, kind, this::finished);
        try {
            journal.queued(statement.stored());
        } catch (IOException e) {
            LOG.error("A statement cannot be recorded in the state store", e);
            throw new LivyException(ErrorCode.STATE_STORE_UNAVAILABLE, "The statement cannot be recorded in the "
                    + "server's state store; nothing was run. Try again later or ask the server's operator.");
        }
        nextId++;
        active.incrementAndGet();
        byId.put(statement.id(), statement);
        dropOldestFinished(null);
        return statement;
    }

    /** Brings back a recovered session's statements, in id order; later ids continue above them. */
    void restore(List<StoredStatement> stored) {
        List<Statement> ended = new ArrayList<>();
        synchronized (this) {
            restoring = true;
            try {
                for (StoredStatement one : stored) {
                    active.incrementAndGet();
                    Statement statement = Statement.restore(one, this::finished);
                    byId.put(statement.id(), statement);
                    nextId = Math.max(nextId, statement.id() + 1);
                    if (statement.state().isFinal()) {
                        ended.add(statement);
                    }
                }
            } finally {
                restoring = false;
            }
        }
        ended.forEach(this::retain);
    }

    Optional<Statement> get(int statementId) {
        return Optional.ofNullable(byId.get(statementId));
    }

    boolean anyActive() {
        return active.get() > 0;
    }

    /** Every retained statement's view, in id order. */
    List<StatementView> views() {
        return byId.values().stream().map(Statement::view).toList();
    }

    /** The statements still waiting, in id order: what a newly connected driver must be sent. */
    List<Statement> waiting() {
        return byId.values().stream().filter(statement -> statement.state() == StatementState.WAITING).toList();
    }

    /** The ids of the statements still waiting or running, in order: what a reconnecting driver is asked about. */
    List<Integer> activeIds() {
        return byId.values().stream().filter(statement -> !statement.state().isFinal()).map(Statement::id).toList();
    }

    /** The session ended: whatever still waits or runs becomes {@code error}. */
    void failActive(long now) {
        byId.values().forEach(statement -> statement.fail(now));
    }

    /** The session is forgotten: its outputs no longer count against the server's budget. */
    synchronized void releaseAll() {
        finished.values().forEach(retention.serverBudget()::release);
        finished.clear();
        retainedBytes = 0;
    }

    private void finished(Statement statement) {
        active.decrementAndGet();
        if (restoring) {
            return;
        }
        observer.statementFinished(statement.kind(), statement.state(), statement.runTime());
        journal.finished(statement.stored());
        retain(statement);
    }

    private void retain(Statement statement) {
        List<RetainedOutputs.Entry> evicted;
        synchronized (this) {
            if (!byId.containsKey(statement.id())) {
                return;
            }
            RetainedOutputs.Entry entry = new RetainedOutputs.Entry(this, statement, statement.outputBytes());
            finished.put(statement, entry);
            retainedBytes += entry.bytes();
            dropOldestFinished(statement);
            evicted = retention.serverBudget().retain(entry);
        }
        evicted.forEach(other -> other.owner().dropEvicted(other));
    }

    /** Over the count or this session's bytes: drops the oldest finished statements, never {@code newest}. */
    private void dropOldestFinished(Statement newest) {
        for (Statement statement : byId.values()) {
            if (byId.size() <= retention.maxStatements() && retainedBytes <= retention.maxSessionBytes()) {
                return;
            }
            RetainedOutputs.Entry entry = finished.get(statement);
            if (entry != null && statement != newest) {
                drop(entry);
                retention.serverBudget().release(entry);
            }
        }
    }

    private synchronized void dropEvicted(RetainedOutputs.Entry entry) {
        if (finished.get(entry.statement()) == entry) {
            drop(entry);
        }
    }

    private void drop(RetainedOutputs.Entry entry) {
        finished.remove(entry.statement());
        byId.remove(entry.statement().id(), entry.statement());
        retainedBytes -= entry.bytes();
        journal.dropped(entry.statement().id());
    }
}
