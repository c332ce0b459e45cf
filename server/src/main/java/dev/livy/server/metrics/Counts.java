package dev.livy.server.metrics;

import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.api.BatchView;
import dev.livy.common.api.StatementView;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.session.SessionManager;

/**
 * How many sessions, statements and batches are in each state at one moment: what one scrape reports. Immutable
 * (its arrays never leave it).
 */
final class Counts {
    static final Counts EMPTY = new Counts(new int[SessionState.values().length][SessionKind.values().length],
            new int[StatementState.values().length], new int[SessionState.values().length]);

    private final int[][] sessions;
    private final int[] statements;
    private final int[] batches;

    private Counts(int[][] sessions, int[] statements, int[] batches) {
        this.sessions = sessions;
        this.statements = statements;
        this.batches = batches;
    }

    static Counts of(SessionManager sessionManager, BatchManager batchManager) {
        int[][] sessions = new int[SessionState.values().length][SessionKind.values().length];
        int[] statements = new int[StatementState.values().length];
        for (InteractiveSession session : sessionManager.all()) {
            sessions[session.state().ordinal()][session.kind().ordinal()]++;
            for (StatementView statement : session.statements()) {
                statements[statement.state().ordinal()]++;
            }
        }
        int[] batches = new int[SessionState.values().length];
        for (BatchView batch : batchManager.list(0, Integer.MAX_VALUE)) {
            batches[batch.state().ordinal()]++;
        }
        return new Counts(sessions, statements, batches);
    }

    int sessions(SessionState state, SessionKind kind) {
        return sessions[state.ordinal()][kind.ordinal()];
    }

    int statements(StatementState state) {
        return statements[state.ordinal()];
    }

    int batches(SessionState state) {
        return batches[state.ordinal()];
    }
}
