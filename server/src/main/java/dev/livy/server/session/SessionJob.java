package dev.livy.server.session;

import dev.livy.common.JobState;
import dev.livy.common.api.JobStatusView;
import dev.livy.server.util.StateMachine;
import java.util.Base64;
import java.util.function.Consumer;

/**
 * One job of Livy's programmatic API, as the server remembers it: its state along {@link JobState#successors} and,
 * once it ended, its serialized result or its error. The server never deserializes either. Thread-safe: the state
 * moves by compare-and-set, and the outcome is written before the move that publishes it.
 */
final class SessionJob {
    private final long id;
    private final StateMachine<JobState> lifecycle = new StateMachine<>(JobState.SENT, JobState::successors);
    private volatile byte[] result;
    private volatile String error;

    /** @param ended told once, when the job reaches a final state */
    SessionJob(long id, Consumer<SessionJob> ended) {
        this.id = id;
        lifecycle.addListener((from, to) -> {
            if (to.isFinal()) {
                ended.accept(this);
            }
        });
    }

    long id() {
        return id;
    }

    JobState state() {
        return lifecycle.get();
    }

    JobStatusView view() {
        JobState state = lifecycle.get();
        return new JobStatusView(id, state, result, error);
    }

    void started() {
        lifecycle.moveTo(JobState.STARTED);
    }

    /**
     * The driver's word on how the job ended, the result in base64; ignored for a job that already ended (cancelled
     * on the server).
     */
    void finished(JobState state, String serializedResult, String failure) {
        if (!state.isFinal() || lifecycle.isFinal()) {
            return;
        }
        this.result = serializedResult == null ? null : Base64.getDecoder().decode(serializedResult);
        this.error = failure;
        lifecycle.moveTo(state);
    }

    /** Returns whether the job was still active, so that the driver must be told. */
    boolean cancel() {
        return lifecycle.moveTo(JobState.CANCELLED).moved();
    }

    /** The session ended under the job. */
    void fail(String reason) {
        if (lifecycle.isFinal()) {
            return;
        }
        this.error = reason;
        lifecycle.moveTo(JobState.FAILED);
    }
}
