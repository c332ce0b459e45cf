package dev.livy.server.batch;

import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.LaunchLog;
import dev.livy.server.launch.LaunchSpec;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.ProcessOutput;
import dev.livy.server.launch.SparkSubmit;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.util.Directories;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a batch's spark-submit in its own scratch directory. In client mode the driver also gets our application
 * reporter (a Spark listener in the REPL jar, added to the user's own listeners and driver class path), which
 * prints the application id as soon as Spark has one. Thread-safe.
 */
public final class BatchLauncher {
    static final String REPORTER_CLASS = "dev.livy.repl.BatchApplicationReporter";
    private static final String PROPERTIES_FILE = "spark-submit.conf";
    private static final Logger LOG = LoggerFactory.getLogger(BatchLauncher.class);

    private final SparkSubmitCommand sparkSubmit;
    private final ProcessLauncher launcher;
    private final Path replJar;
    private final Path workDirectory;
    private final boolean clusterMode;

    public BatchLauncher(SparkSubmitCommand sparkSubmit, ProcessLauncher launcher, Path replJar, Path workDirectory,
            boolean clusterMode) {
        this.sparkSubmit = Objects.requireNonNull(sparkSubmit, "sparkSubmit");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.replJar = Objects.requireNonNull(replJar, "replJar");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.clusterMode = clusterMode;
    }

    /** The spark-submit run of the batch: pure, for tests and for {@link #launch}. */
    SparkSubmit command(int batchId, NewBatch batch) {
        Map<String, String> serverConf = new HashMap<>();
        if (!clusterMode) {
            Map<String, String> userConf = batch.resources().conf();
            serverConf.put("spark.extraListeners", joined(userConf.get("spark.extraListeners"), ",", REPORTER_CLASS));
            serverConf.put("spark.driver.extraClassPath",
                    joined(userConf.get("spark.driver.extraClassPath"), ":", replJar.toString()));
        }
        return sparkSubmit.build(batch.resources(), serverConf, batch.className(), batch.file(), batch.args(),
                directory(batchId).resolve(PROPERTIES_FILE));
    }

    /** In cluster mode the batch is {@code starting} until the cluster reports the application running. */
    boolean waitsForClusterReports() {
        return clusterMode;
    }

    ChildProcess launch(int batchId, NewBatch batch, ProcessOutput output) throws IOException {
        Path directory = directory(batchId);
        Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        SparkSubmit submit = command(batchId, batch);
        submit.writeProperties(directory.resolve(PROPERTIES_FILE));
        LaunchLog.launching(LOG, "Batch " + batchId, submit);
        return launcher.launch(new LaunchSpec(ServerBoundProcesses.bound(submit.argv()), Map.of(), directory, true),
                output);
    }

    /** Removes the batch's scratch directory. */
    void cleanUp(int batchId) {
        Path directory = directory(batchId);
        try {
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.warn("Batch {}: cannot remove {}: {}", batchId, directory, e.toString());
        }
    }

    private Path directory(int batchId) {
        return workDirectory.resolve("batch-" + batchId);
    }

    private static String joined(String userValue, String separator, String ours) {
        return userValue == null || userValue.isBlank() ? ours : userValue + separator + ours;
    }
}
