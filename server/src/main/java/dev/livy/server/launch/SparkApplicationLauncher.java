package dev.livy.server.launch;

import dev.livy.server.util.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The launch steps sessions and batches share: a private scratch directory under the server's work directory, the
 * spark-submit properties file in it (readable by the server's user only: values may be secrets), the redacted
 * launch line in the log, and the start through the {@link ProcessLauncher}. What the application is (main class,
 * file, the server's own conf) is the caller's. Thread-safe (holds only final, immutable fields).
 */
public final class SparkApplicationLauncher {
    public static final String PROPERTIES_FILE = "spark-submit.conf";
    private static final Logger LOG = LoggerFactory.getLogger(SparkApplicationLauncher.class);

    private final SparkSubmitCommand sparkSubmit;
    private final ProcessLauncher launcher;
    private final Path workDirectory;
    private final Map<String, String> environment;

    public SparkApplicationLauncher(SparkSubmitCommand sparkSubmit, ProcessLauncher launcher, Path workDirectory) {
        this(sparkSubmit, launcher, workDirectory, Map.of());
    }

    /** @param environment added to the server's environment for spark-submit, such as the Spark's SPARK_HOME */
    public SparkApplicationLauncher(SparkSubmitCommand sparkSubmit, ProcessLauncher launcher, Path workDirectory,
            Map<String, String> environment) {
        this.sparkSubmit = Objects.requireNonNull(sparkSubmit, "sparkSubmit");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.environment = Map.copyOf(environment);
    }

    /** Whether drivers run inside the cluster, where only what travels with the application reaches them. */
    public boolean clusterMode() {
        return sparkSubmit.clusterMode();
    }

    /** The scratch directory called {@code name} ("session-3", "batch-7"); pure, created by {@link #create}. */
    public Path directory(String name) {
        return workDirectory.resolve(name);
    }

    /** Creates the scratch directory, readable by the server's user only, for files written before the launch. */
    public Path create(String name) throws IOException {
        return Files.createDirectories(directory(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    /**
     * The spark-submit run of an application whose scratch directory is {@code name}: pure, for tests and for
     * {@link #launch}.
     *
     * @param serverConf Spark conf the server adds to (and which wins over) the user's
     */
    public SparkSubmit command(String name, SparkResources resources, Map<String, String> serverConf,
            String mainClass, String file, List<String> args) {
        return sparkSubmit.build(resources, serverConf, mainClass, file, args,
                directory(name).resolve(PROPERTIES_FILE));
    }

    /**
     * Creates the scratch directory, writes the properties file, logs the launch and starts {@code submit} in that
     * directory; the caller owns the returned process.
     *
     * @param subject "Session 3", "Batch 7": how the log names the application
     * @param binding how the process is tied to the server, such as a watchdog around the argv; identity for none
     */
    public ChildProcess launch(String subject, String name, SparkSubmit submit, UnaryOperator<LaunchSpec> binding,
            ProcessOutput output) throws IOException {
        Path directory = create(name);
        submit.writeProperties(directory.resolve(PROPERTIES_FILE));
        LaunchLog.launching(LOG, subject, submit);
        return launcher.launch(binding.apply(new LaunchSpec(submit.argv(), environment, directory)), output);
    }

    /** Removes the scratch directory, the properties file (and the secrets in it) first. */
    public void cleanUp(String subject, String name) {
        Path directory = directory(name);
        try {
            Files.deleteIfExists(directory.resolve(PROPERTIES_FILE));
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.warn("{}: cannot remove {}: {}", subject, directory, e.toString());
        }
    }
}
