package dev.livy.server.batch;

import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.ProcessIdentity;
import dev.livy.server.launch.ProcessOutput;
import dev.livy.server.launch.Reattached;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@link BatchLauncher} per Spark home: a batch runs on the Spark its conf names ({@link
 * SparkHomes#REQUEST_KEY}, checked when the request was validated), which spark-submit never sees. Every home
 * shares the server's cluster manager. Thread-safe (immutable).
 */
public final class BatchLaunchers implements BatchLaunching {
    private final SparkHomes homes;
    private final Map<String, BatchLauncher> byHome;

    /** @param byHome a launcher for each of the homes, by name */
    public BatchLaunchers(SparkHomes homes, Map<String, BatchLauncher> byHome) {
        this.homes = Objects.requireNonNull(homes, "homes");
        this.byHome = Map.copyOf(byHome);
        for (SparkHome home : homes.all()) {
            if (!this.byHome.containsKey(home.name())) {
                throw new IllegalArgumentException("No batch launcher for Spark " + home.name());
            }
        }
    }

    @Override
    public ClusterManager cluster() {
        return defaultLauncher().cluster();
    }

    @Override
    public ChildProcess launch(int batchId, NewBatch batch, ProcessOutput output) throws IOException {
        NewBatch forSpark = new NewBatch(batch.file(), batch.className(), batch.args(),
                batch.resources().withoutConf(SparkHomes.REQUEST_KEY));
        return byHome.get(homes.select(batch.resources().conf()).name()).launch(batchId, forSpark, output);
    }

    @Override
    public Path directory(int batchId) {
        return defaultLauncher().directory(batchId);
    }

    /** The directory names the batch: any home's launcher finds it. */
    @Override
    public Reattached reattach(Path directory, Optional<ProcessIdentity> identity, ProcessOutput output) {
        return defaultLauncher().reattach(directory, identity, output);
    }

    /** The batches' directories are all in the one work directory: any launcher removes any of them. */
    @Override
    public void cleanUp(int batchId) {
        defaultLauncher().cleanUp(batchId);
    }

    @Override
    public Map<String, String> sparkInfo(SparkResources resources) {
        return homes.select(resources.conf()).appInfo();
    }

    private BatchLauncher defaultLauncher() {
        return byHome.get(homes.defaultHome().name());
    }
}
