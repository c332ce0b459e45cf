package dev.livy.server.launch;

import java.util.List;
import java.util.Map;

/** What a session or batch request asks of spark-submit, besides the application itself. Immutable. */
public record SparkResources(
        String name,
        String proxyUser,
        List<String> jars,
        List<String> pyFiles,
        List<String> files,
        List<String> archives,
        String driverMemory,
        Integer driverCores,
        String executorMemory,
        Integer executorCores,
        Integer numExecutors,
        String queue,
        Map<String, String> conf) {

    public SparkResources {
        jars = List.copyOf(jars);
        pyFiles = List.copyOf(pyFiles);
        files = List.copyOf(files);
        archives = List.copyOf(archives);
        conf = Map.copyOf(conf);
    }
}
