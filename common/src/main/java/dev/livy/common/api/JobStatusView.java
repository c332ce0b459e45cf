package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.livy.common.JobState;
import java.util.Arrays;
import java.util.Objects;

/**
 * A job as Livy's Java client reads it ({@code HttpMessages.JobStatus}): exactly these keys. {@code result} is the
 * job's return value as the client's own serializer wrote it (Kryo), base64 on the wire like any Jackson byte
 * array; {@code error} is the job's exception with its stack trace.
 */
@JsonPropertyOrder({"id", "state", "result", "error"})
public record JobStatusView(long id, JobState state, byte[] result, String error) {

    public JobStatusView {
        Objects.requireNonNull(state, "state");
        result = result == null ? null : result.clone();
    }

    @Override
    public byte[] result() {
        return result == null ? null : result.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JobStatusView that && id == that.id && state == that.state
                && Arrays.equals(result, that.result) && Objects.equals(error, that.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, state, Arrays.hashCode(result), error);
    }

    @Override
    public String toString() {
        return "JobStatusView[id=" + id + ", state=" + state + ", result=" + (result == null ? "null"
                : result.length + " bytes") + ", error=" + error + "]";
    }
}
