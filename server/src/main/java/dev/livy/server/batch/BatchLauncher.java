package dev.livy.server.batch;

import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.ProcessIdentity;
import dev.livy.server.launch.ProcessOutput;
import dev.livy.server.launch.Reattached;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmit;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Starts a batch's spark-submit in its own scratch directory, bound to the server ({@link ServerBoundProcesses}), or
 * with recovery on, detached from it ({@link DetachedProcessLauncher}) so that it outlives the server.
 * In client mode the driver also gets our application reporter (a Spark listener in the REPL jar, added to the
 * user's own listeners and driver class path), which prints the application id as soon as Spark has one.
 * Thread-safe.
 */
public final class BatchLauncher implements BatchLaunching {
    static final String REPORTER_CLASS = "dev.livy.repl.BatchApplicationReporter";

    private final SparkApplicationLauncher applications;
    private final Path replJar;
    private final ClusterManager cluster;
    private final Optional<DetachedProcessLauncher> detached;

    public BatchLauncher(SparkApplicationLauncher applications, Path replJar, ClusterManager cluster) {
        this(applications, replJar, cluster, Optional.empty());
    }

    /** @param detached with recovery on: the launcher {@code applications} starts processes with */
    public BatchLauncher(SparkApplicationLauncher applications, Path replJar, ClusterManager cluster,
            Optional<DetachedProcessLauncher> detached) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.replJar = Objects.requireNonNull(replJar, "replJar");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
        this.detached = Objects.requireNonNull(detached, "detached");
    }

    /** The spark-submit run of the batch: pure, for tests and for {@link #launch}. */
    SparkSubmit command(int batchId, NewBatch batch) {
        Map<String, String> serverConf = new HashMap<>();
        if (cluster.driverOnServer()) {
            Map<String, String> userConf = batch.resources().conf();
            serverConf.put("spark.extraListeners", joined(userConf.get("spark.extraListeners"), ",", REPORTER_CLASS));
            serverConf.put("spark.driver.extraClassPath",
                    joined(userConf.get("spark.driver.extraClassPath"), ":", replJar.toString()));
        }
        return applications.command(directoryName(batchId), batch.resources(), serverConf, batch.className(),
                batch.file(), batch.args());
    }

    @Override
    public ClusterManager cluster() {
        return cluster;
    }

    @Override
    public ChildProcess launch(int batchId, NewBatch batch, ProcessOutput output) throws IOException {
        return applications.launch("Batch " + batchId, directoryName(batchId), command(batchId, batch),
                detached.isPresent() ? UnaryOperator.identity() : ServerBoundProcesses::bound, output);
    }

    @Override
    public Path directory(int batchId) {
        return applications.directory(directoryName(batchId));
    }

    @Override
    public Reattached reattach(Path directory, Optional<ProcessIdentity> identity, ProcessOutput output) {
        if (detached.isEmpty()) {
            return new Reattached.Lost("this server does not recover batches (livy.server.recovery.mode is off)");
        }
        return detached.get().reattach(directory, identity, output);
    }

    @Override
    public void cleanUp(int batchId) {
        applications.cleanUp("Batch " + batchId, directoryName(batchId));
    }

    /** One Spark, which the views need not name. */
    @Override
    public Map<String, String> sparkInfo(SparkResources resources) {
        return Map.of();
    }

    private static String directoryName(int batchId) {
        return "batch-" + batchId;
    }

    private static String joined(String userValue, String separator, String ours) {
        return userValue == null || userValue.isBlank() ? ours : userValue + separator + ours;
    }
}
