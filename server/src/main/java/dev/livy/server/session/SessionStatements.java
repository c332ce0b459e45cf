package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's statement history: statements by id (from 0, never reused), how many are still waiting or running,
 * and what is retained. Finished statements beyond {@link StatementRetention} (count, this session's bytes, the
 * server's bytes) are dropped oldest first; waiting and running ones never are. Lookups take no lock; changes
 * synchronise on this object, which may then take the server budget's lock (never the other way). Adding is also
 * serialised by the caller (the session), which must agree with the driver connection. Thread-safe.
 */
final class SessionStatements {
    private final StatementRetention retention;
    private final ConcurrentSkipListMap<Integer, Statement> byId = new ConcurrentSkipListMap<>();
    private final Map<Statement, RetainedOutputs.Entry> finished = new HashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private int nextId;
    private long retainedBytes;

    private final SessionObserver observer;

    SessionStatements(StatementRetention retention, SessionObserver observer) {
        this.retention = Objects.requireNonNull(retention, "retention");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Called with the session's lock held. */
    synchronized Statement add(String code, CodeKind kind) {
        Statement statement = new Statement(nextId++, code, kind, this::finished);
        active.incrementAndGet();
        byId.put(statement.id(), statement);
        dropOldestFinished(null);
        return statement;
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
        observer.statementFinished(statement.kind(), statement.state(), statement.runTime());
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
    }
}
