package dev.livy.common;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Session and batch states with their wire names. A final state is never left. */
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
