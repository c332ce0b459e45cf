package dev.livy.server;

import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.batch.BatchLauncher;
import dev.livy.server.batch.BatchLaunchers;
import dev.livy.server.batch.BatchLaunching;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkDefaults;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.session.SessionLauncher;
import dev.livy.server.session.SessionLaunchers;
import dev.livy.server.session.SessionLaunching;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Part of the composition root: the launchers of each Spark home (its spark-submit, spark-defaults.conf,
 * environment, driver jar and driver class archive). With several homes they sit behind the routers that pick one
 * by a request's conf, and the views name the Spark; with one, sessions and batches use its launchers directly.
 * Built once at start; not thread-safe.
 */
final class PerSparkHome implements AutoCloseable {
    private final SparkHomes homes;
    private final Map<String, SparkApplicationLauncher> applications = new HashMap<>();
    private final List<DriverClassArchive> classArchives = new ArrayList<>();
    private final Optional<DetachedProcessLauncher> detached;

    /**
     * @param variables the environment, for each home's spark-defaults.conf ({@code SPARK_CONF_DIR})
     * @param detached  with recovery on: applications start detached from the server through it
     */
    PerSparkHome(SparkHomes homes, String master, String deployMode, ProcessLauncher processes, Path workDirectory,
            Map<String, String> variables, Optional<DetachedProcessLauncher> detached) throws IOException {
        this.homes = homes;
        this.detached = detached;
        ProcessLauncher launcher = detached.<ProcessLauncher>map(found -> found).orElse(processes);
        for (SparkHome home : homes.all()) {
            Path sparkHome = home.installation().home();
            SparkSubmitCommand sparkSubmit = new SparkSubmitCommand(sparkHome, master, deployMode,
                    SparkDefaults.load(sparkHome, variables));
            applications.put(home.name(),
                    new SparkApplicationLauncher(sparkSubmit, launcher, workDirectory, home.environment()));
        }
    }

    /** @param classArchive the driver class archive of a Spark home (by its directory), one per home */
    SessionLaunching sessionLaunchers(String channelHost, int channelPort, DriverSettings driverSettings,
            Function<Path, DriverClassArchive> classArchive, ClusterManager cluster) {
        Map<String, SessionLauncher> byHome = new HashMap<>();
        for (SparkHome home : homes.all()) {
            DriverClassArchive archive = classArchive.apply(home.installation().home());
            classArchives.add(archive);
            byHome.put(home.name(), new SessionLauncher(applications.get(home.name()), home.replJar(), channelHost,
                    channelPort, driverSettings, archive, cluster));
        }
        return byHome.size() == 1 ? byHome.get(homes.defaultHome().name()) : new SessionLaunchers(homes, byHome);
    }

    BatchLaunching batchLaunchers(ClusterManager cluster) {
        Map<String, BatchLauncher> byHome = new HashMap<>();
        for (SparkHome home : homes.all()) {
            byHome.put(home.name(), new BatchLauncher(applications.get(home.name()), home.replJar(), cluster,
                    detached));
        }
        return byHome.size() == 1 ? byHome.get(homes.defaultHome().name()) : new BatchLaunchers(homes, byHome);
    }

    /** Stops the class archive builders that still run and the reading of output files (the server is stopping). */
    @Override
    public void close() {
        classArchives.forEach(DriverClassArchive::close);
        detached.ifPresent(DetachedProcessLauncher::close);
    }
}
