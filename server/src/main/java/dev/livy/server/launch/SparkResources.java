package dev.livy.server.launch;

import dev.livy.common.api.CreateBatchRequest;
import dev.livy.common.api.CreateSessionRequest;
import java.util.ArrayList;
import java.util.HashMap;
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

    /** @param proxyUser whom it runs as, already decided by the impersonation rule; null for the server's user */
    public static SparkResources from(CreateSessionRequest request, String proxyUser) {
        return new SparkResources(request.name(), proxyUser, request.jars(), request.pyFiles(), request.files(),
                request.archives(), request.driverMemory(), request.driverCores(), request.executorMemory(),
                request.executorCores(), request.numExecutors(), request.queue(), request.conf());
    }

    /** @param proxyUser whom it runs as, already decided by the impersonation rule; null for the server's user */
    public static SparkResources from(CreateBatchRequest request, String proxyUser) {
        return new SparkResources(request.name(), proxyUser, request.jars(), request.pyFiles(), request.files(),
                request.archives(), request.driverMemory(), request.driverCores(), request.executorMemory(),
                request.executorCores(), request.numExecutors(), request.queue(), request.conf());
    }

    /** Nothing asked but a name (null for none): Spark's and the server's defaults throughout. */
    public static SparkResources named(String name) {
        return new SparkResources(name, null, List.of(), List.of(), List.of(), List.of(), null, null, null, null,
                null, null, Map.of());
    }

    /** The same resources with one more file for {@code --files}, which travels with the application. */
    public SparkResources withFile(String file) {
        List<String> moreFiles = new ArrayList<>(files);
        moreFiles.add(file);
        return new SparkResources(name, proxyUser, jars, pyFiles, moreFiles, archives, driverMemory, driverCores,
                executorMemory, executorCores, numExecutors, queue, conf);
    }

    /** The same resources without one conf key: one the server reads itself, which is not Spark's. */
    public SparkResources withoutConf(String key) {
        if (!conf.containsKey(key)) {
            return this;
        }
        Map<String, String> rest = new HashMap<>(conf);
        rest.remove(key);
        return new SparkResources(name, proxyUser, jars, pyFiles, files, archives, driverMemory, driverCores,
                executorMemory, executorCores, numExecutors, queue, rest);
    }

    /** The same resources under another name. */
    public SparkResources withName(String newName) {
        return new SparkResources(newName, proxyUser, jars, pyFiles, files, archives, driverMemory, driverCores,
                executorMemory, executorCores, numExecutors, queue, conf);
    }
}
