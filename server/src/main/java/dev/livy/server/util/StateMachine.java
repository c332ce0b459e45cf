package dev.livy.server.util;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A state that moves only along its successor table, so that the rules of a lifecycle live in one place (the
 * table) and every caller learns whether its own call made a move and whether that move ended the lifecycle: the
 * one caller that ended it does the end's work once. A state with no successors is final.
 *
 * <p>Thread-safe: moves are atomic (they take this holder's lock), reads take no lock, and listeners run on the
 * thread whose call made the move, after the lock is released, so that a listener may read or move any holder.
 */
public final class StateMachine<S extends Enum<S>> {
    /** What a call to move did. */
    public enum Move {
        /** The table does not allow the move from the current state (or the state was not the expected one). */
        REFUSED,
        MOVED,
        /** This call moved to a final state. */
        ENDED;

        public boolean moved() {
            return this != REFUSED;
        }

        public boolean ended() {
            return this == ENDED;
        }
    }

    /** Told of every move, in the moving thread, outside the holder's lock. */
    public interface Listener<S> {
        void moved(S from, S to);
    }

    private final Function<S, Set<S>> successors;
    private final Object lock = new Object();
    private final List<Listener<S>> listeners = new CopyOnWriteArrayList<>();
    private volatile S state;

    /** @param successors the table: the states each state may move to, none for a final state */
    public StateMachine(S initial, Function<S, Set<S>> successors) {
        this.state = Objects.requireNonNull(initial, "initial");
        this.successors = Objects.requireNonNull(successors, "successors");
    }

    public S get() {
        return state;
    }

    public boolean isFinal() {
        return successors.apply(state).isEmpty();
    }

    public void addListener(Listener<S> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Moves to {@code next} if the table allows it from the current state. */
    public Move moveTo(S next) {
        S from;
        synchronized (lock) {
            from = state;
            if (!successors.apply(from).contains(next)) {
                return Move.REFUSED;
            }
            state = next;
        }
        return moved(from, next);
    }

    /** Moves to {@code next} only from {@code expected}, and only if the table allows it. */
    public Move compareAndMove(S expected, S next) {
        synchronized (lock) {
            if (state != expected || !successors.apply(expected).contains(next)) {
                return Move.REFUSED;
            }
            state = next;
        }
        return moved(expected, next);
    }

    private Move moved(S from, S to) {
        for (Listener<S> listener : listeners) {
            listener.moved(from, to);
        }
        return successors.apply(to).isEmpty() ? Move.ENDED : Move.MOVED;
    }

    @Override
    public String toString() {
        return String.valueOf(state);
    }
}
