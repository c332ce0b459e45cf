package dev.livy.common;

import java.util.EnumSet;
import java.util.Set;

/**
 * States of a job submitted through Livy's programmatic API, with the wire names of Livy's
 * {@code org.apache.livy.JobHandle.State} (upper case, as that client reads them):
 * {@code SENT → QUEUED → STARTED → SUCCEEDED | FAILED | CANCELLED}; a job not yet finished may be cancelled or
 * fail (its session died) from any active state.
 */
public enum JobState {
    SENT,
    QUEUED,
    STARTED,
    CANCELLED,
    FAILED,
    SUCCEEDED;

    public boolean isFinal() {
        return switch (this) {
            case CANCELLED, FAILED, SUCCEEDED -> true;
            case SENT, QUEUED, STARTED -> false;
        };
    }

    /** The states this state may move to. */
    public Set<JobState> successors() {
        return switch (this) {
            case SENT -> EnumSet.of(QUEUED, STARTED, CANCELLED, FAILED, SUCCEEDED);
            case QUEUED -> EnumSet.of(STARTED, CANCELLED, FAILED, SUCCEEDED);
            case STARTED -> EnumSet.of(CANCELLED, FAILED, SUCCEEDED);
            case CANCELLED, FAILED, SUCCEEDED -> EnumSet.noneOf(JobState.class);
        };
    }
}
