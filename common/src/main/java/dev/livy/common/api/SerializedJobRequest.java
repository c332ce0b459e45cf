package dev.livy.common.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * {@code POST /sessions/{id}/submit-job} and {@code run-job}: a {@code org.apache.livy.Job} as Livy's client
 * serialized it (Kryo, base64 on the wire) and its type ({@code "spark"} from the Java client). The server never
 * deserializes {@code job}: only the session's driver does.
 */
public record SerializedJobRequest(byte[] job, String jobType) {

    public SerializedJobRequest {
        job = job == null ? null : job.clone();
    }

    @Override
    public byte[] job() {
        return job == null ? null : job.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SerializedJobRequest that && Arrays.equals(job, that.job)
                && Objects.equals(jobType, that.jobType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(job), jobType);
    }

    @Override
    public String toString() {
        return "SerializedJobRequest[job=" + (job == null ? "null" : job.length + " bytes") + ", jobType=" + jobType
                + "]";
    }
}
