package dev.livy.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Session and batch states with their wire names, and the two lifecycles that move through them: a session's
 * ({@link #successors()}) and a batch's ({@link #batchSuccessors()}). Batches use the same type because the wire
 * does ({@code GET /batches/{id}/state} answers the same state object as sessions). A final state is never left.
 */
public enum SessionState {
    NOT_STARTED("not_started", false),
    STARTING("starting", false),
    RECOVERING("recovering", false),
    IDLE("idle", false),
    RUNNING("running", false),
    BUSY("busy", false),
    SHUTTING_DOWN("shutting_down", false),
    ERROR("error", true),
    DEAD("dead", true),
    KILLED("killed", true),
    SUCCESS("success", true);

    private final String wireName;
    private final boolean isFinal;

    SessionState(String wireName, boolean isFinal) {
        this.wireName = wireName;
        this.isFinal = isFinal;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return isFinal;
    }

    /**
     * The states a session may move to: {@code starting → idle ⇄ busy}, {@code shutting_down} from any active
     * state when it is deleted, and {@code error}, {@code dead} or {@code killed} from any active state when its
     * driver goes. {@code running} and {@code success} are batch states a session never enters.
     */
    public Set<SessionState> successors() {
        return switch (this) {
            case NOT_STARTED -> EnumSet.of(STARTING, SHUTTING_DOWN, ERROR, DEAD, KILLED);
            case STARTING, RECOVERING -> EnumSet.of(IDLE, SHUTTING_DOWN, ERROR, DEAD, KILLED);
            case IDLE -> EnumSet.of(BUSY, SHUTTING_DOWN, ERROR, DEAD, KILLED);
            case BUSY -> EnumSet.of(IDLE, SHUTTING_DOWN, ERROR, DEAD, KILLED);
            case SHUTTING_DOWN -> EnumSet.of(ERROR, DEAD, KILLED);
            case RUNNING, ERROR, DEAD, KILLED, SUCCESS -> EnumSet.noneOf(SessionState.class);
        };
    }

    /**
     * The states a batch may move to: {@code starting → running → success | dead | killed}, and an end straight
     * from {@code starting} when spark-submit fails, is killed, or finishes before the cluster reported it
     * running. {@code idle}, {@code busy}, {@code shutting_down} and {@code error} are session states a batch
     * never enters.
     */
    public Set<SessionState> batchSuccessors() {
        return switch (this) {
            case NOT_STARTED -> EnumSet.of(STARTING, DEAD, KILLED);
            case STARTING, RECOVERING -> EnumSet.of(RUNNING, SUCCESS, DEAD, KILLED);
            case RUNNING -> EnumSet.of(SUCCESS, DEAD, KILLED);
            case IDLE, BUSY, SHUTTING_DOWN, ERROR, DEAD, KILLED, SUCCESS -> EnumSet.noneOf(SessionState.class);
        };
    }

    @JsonCreator
    public static SessionState fromWireName(String name) {
        for (SessionState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown session state '" + name + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
