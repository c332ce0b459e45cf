package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's statements by id (from 0), and how many are still waiting or running. Lookups take no lock; adding
 * is serialised by the caller (the session), which must also agree with the driver connection. Thread-safe.
 */
final class SessionStatements {
    private final ConcurrentHashMap<Integer, Statement> byId = new ConcurrentHashMap<>();
    private final AtomicInteger active = new AtomicInteger();
    private volatile int count;

    /** Called with the session's lock held. */
    Statement add(String code, CodeKind kind) {
        Statement statement = new Statement(count, code, kind, active::decrementAndGet);
        active.incrementAndGet();
        byId.put(statement.id(), statement);
        count++;
        return statement;
    }

    Optional<Statement> get(int statementId) {
        return Optional.ofNullable(byId.get(statementId));
    }

    boolean anyActive() {
        return active.get() > 0;
    }

    /** Every statement's view, in id order. */
    List<StatementView> views() {
        int known = count;
        List<StatementView> views = new ArrayList<>(known);
        for (int statementId = 0; statementId < known; statementId++) {
            views.add(byId.get(statementId).view());
        }
        return views;
    }

    /** The statements still waiting, in id order: what a newly connected driver must be sent. */
    List<Statement> waiting() {
        List<Statement> waiting = new ArrayList<>();
        for (int statementId = 0; statementId < count; statementId++) {
            Statement statement = byId.get(statementId);
            if (statement.state() == StatementState.WAITING) {
                waiting.add(statement);
            }
        }
        return waiting;
    }

    /** The session ended: whatever still waits or runs becomes {@code error}. */
    void failActive(long now) {
        byId.values().forEach(statement -> statement.fail(now));
    }
}
