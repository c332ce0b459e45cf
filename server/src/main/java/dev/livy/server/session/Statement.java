package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.RawJson;
import dev.livy.server.util.StateMachine;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * A statement's live state on the server, updated from the driver's events and read by every GET without a lock.
 * Thread-safe: the state moves along {@link StatementState#successors} in a {@link StateMachine}; the other fields
 * are written before the state change that publishes them.
 */
final class Statement {
    private final int id;
    private final String code;
    private final CodeKind kind;
    private final StateMachine<StatementState> state =
            new StateMachine<>(StatementState.WAITING, StatementState::successors);
    private volatile RawJson output;
    private volatile double progress;
    private volatile long started;
    private volatile long completed;
    private volatile long outputBytes;

    /** @param onFinished runs once, when the statement reaches a final state */
    Statement(int id, String code, CodeKind kind, Consumer<Statement> onFinished) {
        this.id = id;
        this.code = code;
        this.kind = kind;
        state.addListener((from, to) -> {
            if (to.isFinal()) {
                onFinished.accept(this);
            }
        });
    }

    int id() {
        return id;
    }

    String code() {
        return code;
    }

    CodeKind kind() {
        return kind;
    }

    StatementState state() {
        return state.get();
    }

    /** Moves to {@code next} if allowed from the current state; false when not (e.g. already final). */
    boolean moveTo(StatementState next) {
        return state.moveTo(next).moved();
    }

    /** The output's size as JSON text: what it costs the history's byte budgets. */
    long outputBytes() {
        return outputBytes;
    }

    boolean markRunning(long now) {
        if (state.get() != StatementState.WAITING) {
            return false;
        }
        started = now;
        return moveTo(StatementState.RUNNING);
    }

    /** The driver's result: available, or cancelled when a cancel was asked for meanwhile. */
    boolean complete(RawJson result, long now) {
        if (state.get().isFinal()) {
            return false;
        }
        output = result;
        outputBytes = result == null ? 0 : result.size();
        progress = 1.0;
        completed = now;
        if (started == 0) {
            started = now;
        }
        return state.get() == StatementState.CANCELLING
                ? moveTo(StatementState.CANCELLED)
                : moveTo(StatementState.AVAILABLE);
    }

    boolean cancelled(long now) {
        if (state.get().isFinal()) {
            return false;
        }
        completed = now;
        return state.get() == StatementState.WAITING
                ? moveTo(StatementState.CANCELLED)
                : moveTo(StatementState.CANCELLING) | moveTo(StatementState.CANCELLED);
    }

    /** The session or interpreter died before the statement could finish. */
    boolean fail(long now) {
        if (state.get().isFinal()) {
            return false;
        }
        completed = now;
        return moveTo(StatementState.ERROR);
    }

    void progress(double value) {
        if (!state.get().isFinal()) {
            progress = Math.max(0.0, Math.min(1.0, value));
        }
    }

    /** How long it ran: from running (or, for one that never ran, from its end) to its end. */
    Duration runTime() {
        return Duration.ofMillis(started == 0 ? 0 : Math.max(0, completed - started));
    }

    /** What the state store keeps of it. */
    StoredStatement stored() {
        return new StoredStatement(id, code, kind, state.get(), output, progress, started, completed);
    }

    /**
     * Brings a stored statement back as it was: an active one in its state (its driver says on reconnect whether it
     * has ended meanwhile), an ended one with its output and times. {@code onFinished} hears the restored end.
     */
    static Statement restore(StoredStatement stored, Consumer<Statement> onFinished) {
        Statement statement = new Statement(stored.id(), stored.code(), stored.kind(), onFinished);
        statement.progress = stored.progress();
        statement.started = stored.started();
        switch (stored.state()) {
            case WAITING -> {
            }
            case RUNNING -> statement.state.moveTo(StatementState.RUNNING);
            case CANCELLING -> {
                statement.state.moveTo(StatementState.RUNNING);
                statement.state.moveTo(StatementState.CANCELLING);
            }
            case AVAILABLE -> {
                statement.state.moveTo(StatementState.RUNNING);
                statement.complete(stored.output(), stored.completed());
            }
            case CANCELLED -> statement.cancelled(stored.completed());
            case ERROR -> {
                statement.output = stored.output();
                statement.fail(stored.completed());
            }
        }
        return statement;
    }

    StatementView view() {
        StatementState current = state.get();
        return new StatementView(id, code, current, output, progress, started, completed);
    }
}
