package dev.livy.server.batch;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.livy.common.SessionState;
import dev.livy.server.launch.ProcessIdentity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A batch as the state store keeps it ({@code batches/<id>}): what a later server needs to show it again and to
 * follow it to its end. Immutable.
 *
 * @param sparkInfo        the view's {@code appInfo} about its Spark (the Spark home's name with several)
 * @param pid              spark-submit's wrapper process, when it was started on this host; null otherwise
 * @param processStartedAt that process's start time (epoch ms), so that a reused pid is never taken for it
 * @param directory        the batch's directory, holding its output and exit-code files
 */
public record StoredBatch(
        @JsonProperty("id") int id,
        @JsonProperty("name") String name,
        @JsonProperty("owner") String owner,
        @JsonProperty("proxyUser") String proxyUser,
        @JsonProperty("request") Request request,
        @JsonProperty("sparkInfo") Map<String, String> sparkInfo,
        @JsonProperty("state") SessionState state,
        @JsonProperty("appId") String appId,
        @JsonProperty("sparkUiUrl") String sparkUiUrl,
        @JsonProperty("driverLogUrl") String driverLogUrl,
        @JsonProperty("pid") Long pid,
        @JsonProperty("processStartedAt") Long processStartedAt,
        @JsonProperty("directory") String directory) {

    public StoredBatch {
        Objects.requireNonNull(request, "request");
        sparkInfo = sparkInfo == null ? Map.of() : Map.copyOf(sparkInfo);
        Objects.requireNonNull(state, "state");
    }

    /** The create request, as far as a later server shows it. */
    public record Request(
            @JsonProperty("file") String file,
            @JsonProperty("className") String className,
            @JsonProperty("args") List<String> args,
            @JsonProperty("conf") Map<String, String> conf) {

        public Request {
            args = args == null ? List.of() : List.copyOf(args);
            conf = conf == null ? Map.of() : Map.copyOf(conf);
        }
    }

    Optional<ProcessIdentity> processIdentity() {
        if (pid == null || processStartedAt == null) {
            return Optional.empty();
        }
        return Optional.of(new ProcessIdentity(pid, processStartedAt));
    }
}
