package dev.livy.common.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /sessions}. Kinds and time strings stay strings here so that validation can name the bad value;
 * absent lists and maps are empty, never null.
 */
public record CreateSessionRequest(
        String kind,
        String proxyUser,
        List<String> jars,
        List<String> pyFiles,
        List<String> files,
        String driverMemory,
        Integer driverCores,
        String executorMemory,
        Integer executorCores,
        Integer numExecutors,
        List<String> archives,
        String queue,
        String name,
        @JsonDeserialize(contentUsing = ScalarText.class) Map<String, String> conf,
        Integer heartbeatTimeoutInSecond,
        String ttl,
        String idleTimeout) {

    public CreateSessionRequest {
        jars = jars == null ? List.of() : List.copyOf(jars);
        pyFiles = pyFiles == null ? List.of() : List.copyOf(pyFiles);
        files = files == null ? List.of() : List.copyOf(files);
        archives = archives == null ? List.of() : List.copyOf(archives);
        conf = conf == null ? Map.of() : Map.copyOf(conf);
    }

    public static CreateSessionRequest empty() {
        return new CreateSessionRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }
}
