package dev.livy.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.EnumSet;
import java.util.Set;

/**
 * Statement states with their wire names and allowed transitions:
 * {@code waiting → running → available}, {@code waiting → cancelled}, {@code running → cancelling → cancelled},
 * and {@code error} from any active state when the session or interpreter dies.
 */
public enum StatementState {
    WAITING("waiting"),
    RUNNING("running"),
    AVAILABLE("available"),
    ERROR("error"),
    CANCELLING("cancelling"),
    CANCELLED("cancelled");

    private final String wireName;

    StatementState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean isFinal() {
        return switch (this) {
            case AVAILABLE, ERROR, CANCELLED -> true;
            case WAITING, RUNNING, CANCELLING -> false;
        };
    }

    /** The states this state may move to. */
    public Set<StatementState> successors() {
        return switch (this) {
            case WAITING -> EnumSet.of(RUNNING, CANCELLED, CANCELLING, ERROR);
            case RUNNING -> EnumSet.of(AVAILABLE, CANCELLING, ERROR);
            case CANCELLING -> EnumSet.of(CANCELLED, ERROR);
            case AVAILABLE, ERROR, CANCELLED -> EnumSet.noneOf(StatementState.class);
        };
    }

    @JsonCreator
    public static StatementState fromWireName(String name) {
        for (StatementState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("Unknown statement state '" + name + "'");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
