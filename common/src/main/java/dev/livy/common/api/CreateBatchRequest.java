package dev.livy.common.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import java.util.Map;

/** {@code POST /batches}. Absent lists and maps are empty, never null; {@code file} is checked by validation. */
public record CreateBatchRequest(
        String file,
        String proxyUser,
        String className,
        List<String> args,
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
        @JsonDeserialize(contentUsing = ScalarText.class) Map<String, String> conf) {

    public CreateBatchRequest {
        args = args == null ? List.of() : List.copyOf(args);
        jars = jars == null ? List.of() : List.copyOf(jars);
        pyFiles = pyFiles == null ? List.of() : List.copyOf(pyFiles);
        files = files == null ? List.of() : List.copyOf(files);
        archives = archives == null ? List.of() : List.copyOf(archives);
        conf = conf == null ? Map.of() : Map.copyOf(conf);
    }
}
