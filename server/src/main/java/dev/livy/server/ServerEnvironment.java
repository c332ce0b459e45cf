package dev.livy.server;

import dev.livy.common.api.VersionView;
import dev.livy.server.spark.SparkHomes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * What the {@link ServerAssembly} needs besides the configuration: where things are on this host, the environment
 * variables Spark reads, and the build being run. Immutable.
 *
 * @param sparkHomes    the Spark installations sessions and batches run on, each with its REPL driver's jar
 * @param confDirectory the directory of {@code livy.conf} and {@code spark-blacklist.conf}
 * @param workDirectory the server's private scratch directory for this run
 * @param applicationsDirectory where sessions' and batches' directories go: the work directory, or with recovery
 *                      on the server's long-lived directory, which outlives it (kept for the next server)
 * @param variables     the environment ({@code SPARK_CONF_DIR}, {@code JAVA_HOME}, ...)
 * @param version       what {@code GET /version} answers
 */
public record ServerEnvironment(SparkHomes sparkHomes, Path confDirectory, Path workDirectory,
        Path applicationsDirectory, Map<String, String> variables, VersionView version) {

    public ServerEnvironment {
        Objects.requireNonNull(sparkHomes, "sparkHomes");
        Objects.requireNonNull(confDirectory, "confDirectory");
        Objects.requireNonNull(workDirectory, "workDirectory");
        Objects.requireNonNull(applicationsDirectory, "applicationsDirectory");
        variables = Map.copyOf(variables);
        Objects.requireNonNull(version, "version");
    }

    /** Applications' directories in the work directory: a server whose applications end with it. */
    public ServerEnvironment(SparkHomes sparkHomes, Path confDirectory, Path workDirectory,
            Map<String, String> variables, VersionView version) {
        this(sparkHomes, confDirectory, workDirectory, workDirectory, variables, version);
    }
}
