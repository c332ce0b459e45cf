package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.LaunchLog;
import dev.livy.server.launch.LaunchSpec;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmit;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.util.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a session's driver: writes its launch config (with the secret) to a file only the server's user can
 * read, then runs spark-submit with the REPL driver as main class and that file's path as its one argument.
 * Thread-safe.
 */
public final class SessionLauncher {
    public static final String DRIVER_MAIN_CLASS = "dev.livy.repl.ReplDriver";
    private static final String CONFIG_FILE = "driver-launch.json";
    private static final String PROPERTIES_FILE = "spark-submit.conf";
    private static final String SPARK_UI_PORT = "spark.ui.port";
    private static final String CLASS_ARCHIVE_BUILDER = "dev.livy.repl.ClassArchiveBuilder";
    private static final Logger LOG = LoggerFactory.getLogger(SessionLauncher.class);

    private final SparkSubmitCommand sparkSubmit;
    private final ProcessLauncher launcher;
    private final Path replJar;
    private final Path workDirectory;
    private final String channelHost;
    private final int channelPort;
    private final Map<String, String> driverSettings;
    private final DriverClassArchive classArchive;

    /** @param driverSettings server settings every driver gets, such as {@code livy.rsc.sql.num-rows} */
    public SessionLauncher(SparkSubmitCommand sparkSubmit, ProcessLauncher launcher, Path replJar,
            Path workDirectory, String channelHost, int channelPort, Map<String, String> driverSettings) {
        this(sparkSubmit, launcher, replJar, workDirectory, channelHost, channelPort, driverSettings,
                DriverClassArchive.disabled());
    }

    public SessionLauncher(SparkSubmitCommand sparkSubmit, ProcessLauncher launcher, Path replJar,
            Path workDirectory, String channelHost, int channelPort, Map<String, String> driverSettings,
            DriverClassArchive classArchive) {
        this.sparkSubmit = Objects.requireNonNull(sparkSubmit, "sparkSubmit");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.replJar = Objects.requireNonNull(replJar, "replJar");
        this.workDirectory = Objects.requireNonNull(workDirectory, "workDirectory");
        this.channelHost = Objects.requireNonNull(channelHost, "channelHost");
        this.channelPort = channelPort;
        this.driverSettings = Map.copyOf(driverSettings);
        this.classArchive = Objects.requireNonNull(classArchive, "classArchive");
    }

    /** Launches the driver; the caller owns the returned process. */
    ChildProcess launch(int sessionId, SessionKind kind, String secret, SparkResources resources, LogBuffer log)
            throws IOException {
        Path sessionDirectory = sessionDirectory(sessionId);
        Path configFile = sessionDirectory.resolve(CONFIG_FILE);
        new DriverLaunchConfig(sessionId, channelHost, channelPort, secret, kind, DriverSettings.from(driverSettings))
                .writeTo(configFile);
        Map<String, String> serverConf = new HashMap<>(DriverClassArchive.withJavaOptions(resources.conf(),
                classArchive.javaOptions(this::startClassArchiveBuilder)));
        // From 4040, Spark tries 16 more ports for a driver's UI: one host would run 17 drivers at most.
        if (!resources.conf().containsKey(SPARK_UI_PORT)) {
            serverConf.put(SPARK_UI_PORT, "0");
        }
        Path propertiesFile = sessionDirectory.resolve(PROPERTIES_FILE);
        SparkSubmit submit = sparkSubmit.build(resources, serverConf, DRIVER_MAIN_CLASS, replJar.toString(),
                List.of(configFile.toString()), propertiesFile);
        submit.writeProperties(propertiesFile);
        LaunchLog.launching(LOG, "Session " + sessionId, submit);
        return launcher.launch(new LaunchSpec(submit.argv(), Map.of(), sessionDirectory), log);
    }

    private ChildProcess startClassArchiveBuilder(Map<String, String> conf) throws IOException {
        SparkResources none = new SparkResources("livy-class-archive", null, List.of(), List.of(), List.of(),
                List.of(), null, null, null, null, null, null, Map.of());
        Path propertiesFile = workDirectory.resolve("class-archive-" + PROPERTIES_FILE);
        SparkSubmit submit = sparkSubmit.build(none, conf, CLASS_ARCHIVE_BUILDER, replJar.toString(), List.of(),
                propertiesFile);
        submit.writeProperties(propertiesFile);
        return launcher.launch(new LaunchSpec(submit.argv(), Map.of(), workDirectory), new LogBuffer(100));
    }

    /** Removes the session's working directory, the launch config and properties (and their secrets) first. */
    void cleanUp(int sessionId) {
        Path directory = workDirectory.resolve("session-" + sessionId);
        try {
            Files.deleteIfExists(directory.resolve(CONFIG_FILE));
            Files.deleteIfExists(directory.resolve(PROPERTIES_FILE));
            Directories.deleteRecursively(directory);
        } catch (IOException e) {
            LOG.warn("Session {}: cannot remove {}: {}", sessionId, directory, e.toString());
        }
    }

    private Path sessionDirectory(int sessionId) throws IOException {
        Path directory = workDirectory.resolve("session-" + sessionId);
        Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        return directory;
    }
}
