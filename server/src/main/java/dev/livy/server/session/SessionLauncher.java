package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a session's driver: writes its launch config (with the secret) to a file only the server's user can
 * read, then runs spark-submit with the REPL driver as main class and that file's path as its one argument. In
 * cluster mode the driver runs where the server's files are not: the file travels with the application
 * ({@code --files}, into the driver's working directory, through the cluster's private staging area) and the
 * argument is its bare name; where the cluster manager ships no files to the driver (a standalone master), the
 * driver reads it at the server's path, as in client mode. Thread-safe.
 */
public final class SessionLauncher implements SessionLaunching {
    public static final String DRIVER_MAIN_CLASS = "dev.livy.repl.ReplDriver";
    private static final String CONFIG_FILE = "driver-launch.json";
    private static final String UPLOADS = "uploads";
    private static final String SPARK_UI_PORT = "spark.ui.port";
    /**
     * On YARN (ignored elsewhere): pyspark's archives and PYTHONPATH in the containers, since every session may run
     * Python; and one attempt, as in Livy, since a second driver would find its session gone.
     */
    private static final Map<String, String> YARN_SESSION_DEFAULTS = Map.of("spark.yarn.isPython", "true",
            "spark.yarn.maxAppAttempts", "1");
    private static final String CLASS_ARCHIVE_BUILDER = "dev.livy.repl.ClassArchiveBuilder";
    private static final String CLASS_ARCHIVE_DIRECTORY = "class-archive";
    private static final Logger LOG = LoggerFactory.getLogger(SessionLauncher.class);

    private final SparkApplicationLauncher applications;
    private final Path replJar;
    private final String channelHost;
    private final int channelPort;
    private final DriverSettings driverSettings;
    private final DriverClassArchive classArchive;
    private final ClusterManager cluster;

    /** @param driverSettings the server's settings every driver works by, such as its SQL row limit */
    public SessionLauncher(SparkApplicationLauncher applications, Path replJar, String channelHost, int channelPort,
            DriverSettings driverSettings) {
        this(applications, replJar, channelHost, channelPort, driverSettings, DriverClassArchive.disabled());
    }

    public SessionLauncher(SparkApplicationLauncher applications, Path replJar, String channelHost, int channelPort,
            DriverSettings driverSettings, DriverClassArchive classArchive) {
        this(applications, replJar, channelHost, channelPort, driverSettings, classArchive,
                new LocalClusterManager(applications.clusterMode()));
    }

    /** @param cluster how a driver's application is stopped beyond its spark-submit */
    public SessionLauncher(SparkApplicationLauncher applications, Path replJar, String channelHost, int channelPort,
            DriverSettings driverSettings, DriverClassArchive classArchive, ClusterManager cluster) {
        this.applications = Objects.requireNonNull(applications, "applications");
        this.replJar = Objects.requireNonNull(replJar, "replJar");
        this.channelHost = Objects.requireNonNull(channelHost, "channelHost");
        this.channelPort = channelPort;
        this.driverSettings = Objects.requireNonNull(driverSettings, "driverSettings");
        this.classArchive = Objects.requireNonNull(classArchive, "classArchive");
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** The cluster manager the drivers run on. */
    @Override
    public ClusterManager cluster() {
        return cluster;
    }

    @Override
    public ChildProcess launch(int sessionId, SessionKind kind, String secret, SparkResources resources, LogBuffer log)
            throws IOException {
        String name = directoryName(sessionId);
        Path configFile = applications.create(name).resolve(CONFIG_FILE);
        new DriverLaunchConfig(sessionId, channelHost, channelPort, secret, kind, driverSettings)
                .writeTo(configFile);
        Map<String, String> serverConf = new HashMap<>(DriverClassArchive.withJavaOptions(resources.conf(),
                classArchive.javaOptions()));
        classArchive.buildIfMissing(this::startClassArchiveBuilder);
        // From 4040, Spark tries 16 more ports for a driver's UI: one host would run 17 drivers at most.
        if (!resources.conf().containsKey(SPARK_UI_PORT)) {
            serverConf.put(SPARK_UI_PORT, "0");
        }
        for (Map.Entry<String, String> yarnDefault : YARN_SESSION_DEFAULTS.entrySet()) {
            if (!resources.conf().containsKey(yarnDefault.getKey())) {
                serverConf.put(yarnDefault.getKey(), yarnDefault.getValue());
            }
        }
        serverConf.putAll(cluster.sessionSubmitConf());
        boolean shipped = applications.clusterMode() && cluster.filesReachDriver();
        SparkSubmit submit = applications.command(name, shipped ? resources.withFile(configFile.toString()) : resources,
                serverConf, DRIVER_MAIN_CLASS, replJar.toString(),
                List.of(shipped ? CONFIG_FILE : configFile.toString()));
        return applications.launch(displayName(sessionId), name, submit, UnaryOperator.identity(), log);
    }

    private ChildProcess startClassArchiveBuilder(Map<String, String> conf) throws IOException {
        SparkSubmit submit = applications.command(CLASS_ARCHIVE_DIRECTORY, SparkResources.named("livy-class-archive"),
                conf, CLASS_ARCHIVE_BUILDER, replJar.toString(), List.of());
        return applications.launch("Driver class archive", CLASS_ARCHIVE_DIRECTORY, submit, UnaryOperator.identity(),
                new LogBuffer(100));
    }

    /** Where files uploaded to the session go: in its private working directory, removed with it. */
    @Override
    public Path uploadDirectory(int sessionId) throws IOException {
        return applications.create(directoryName(sessionId)).resolve(UPLOADS);
    }

    /** Removes the session's working directory, the launch config and properties (and their secrets) first. */
    @Override
    public void cleanUp(int sessionId) {
        String name = directoryName(sessionId);
        Path configFile = applications.directory(name).resolve(CONFIG_FILE);
        try {
            Files.deleteIfExists(configFile);
        } catch (IOException e) {
            LOG.warn("{}: cannot remove {}: {}", displayName(sessionId), configFile, e.toString());
        }
        applications.cleanUp(displayName(sessionId), name);
    }

    /** One Spark, which the views need not name. */
    @Override
    public Map<String, String> sparkInfo(SparkResources resources) {
        return Map.of();
    }

    /** A pooled driver's identity is negative: it has a directory of its own, which no session id names. */
    private static String directoryName(int sessionId) {
        return sessionId < 0 ? "pool-" + -sessionId : "session-" + sessionId;
    }

    private static String displayName(int sessionId) {
        return sessionId < 0 ? "Pooled driver " + -sessionId : "Session " + sessionId;
    }
}
