package dev.livy.server;

import dev.livy.common.api.VersionView;
import dev.livy.server.api.BuildInfo;
import dev.livy.server.config.LivyConf;
import dev.livy.server.launch.CommonsExecLauncher;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.ServerWorkDirectory;
import dev.livy.server.recovery.ApplicationsDirectory;
import dev.livy.server.recovery.StateStores;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.spark.ConfiguredSparkHomes;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.startup.ConfWarnings;
import dev.livy.server.startup.EmbeddedRecovery;
import dev.livy.server.startup.ExposureWarnings;
import dev.livy.server.util.Directories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The server's entry point: reads the configuration, checks Spark, builds the {@link ServerAssembly} and runs it.
 * Its shutdown hook stops the server only, with recovery on, unless {@code bin/livy-server stop --all} left its
 * stop-all file (named by the {@value #STOP_ALL_FILE_PROPERTY} system property): then every session and batch too.
 */
public final class LivyServerMain {
    /** The system property naming the file whose presence at shutdown means "stop every application too". */
    public static final String STOP_ALL_FILE_PROPERTY = "livy.server.stop-all-file";
    private static final Logger LOG = LoggerFactory.getLogger(LivyServerMain.class);

    private LivyServerMain() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        try {
            run();
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.error("Cannot start: {}", e.getMessage());
            System.err.println("livy-server: cannot start: " + e.getMessage());
            System.exit(1);
        } catch (Exception e) {
            LOG.error("Cannot start", e);
            System.exit(1);
        }
    }

    private static void run() throws Exception {
        Path home = Path.of(System.getProperty("livy.home", ".")).toAbsolutePath().normalize();
        Path confDir = Path.of(System.getProperty("livy.conf.dir", home.resolve("conf").toString()));
        LivyConf conf = EmbeddedRecovery.withDefaults(LivyConf.load(confDir),
                Optional.ofNullable(System.getProperty(EmbeddedRecovery.STATE_DIRECTORY_PROPERTY)).map(Path::of));
        if (conf.rawValues().isEmpty()) {
            LOG.info("Nothing set in {}: every key has its default", confDir.resolve("livy.conf"));
        }
        ServerSecurity security = ServerSecurity.from(conf, LivyServerMain.class.getClassLoader());
        ConfWarnings.unknownKeys(conf, security.authType()).forEach(LOG::warn);
        warnIfPasswordsAreReadable(confDir.resolve("livy.conf"), conf);

        ProcessLauncher launcher = new CommonsExecLauncher();
        SparkHomes sparkHomes = ConfiguredSparkHomes.detect(conf, home, launcher);
        for (SparkHome spark : sparkHomes.all()) {
            LOG.info("Using Spark {} (Scala {}) at {} as '{}', driver {}", spark.installation().sparkVersion(),
                    spark.installation().scalaVersion(), spark.installation().home(), spark.name(), spark.replJar());
        }
        Path workParent = Path.of(System.getProperty("java.io.tmpdir"));
        ServerWorkDirectory.removeAbandoned(workParent);
        Path workDirectory = ServerWorkDirectory.create(workParent);
        boolean recovery = StateStores.recoveryOn(conf);
        Path applications = recovery ? ApplicationsDirectory.of(conf, home) : workDirectory;
        if (recovery) {
            LOG.info("Recovery on: sessions and batches keep their files in {}", applications);
        }
        VersionView version = BuildInfo.load();
        ServerAssembly server = ServerAssembly.build(conf, security,
                new ServerEnvironment(sparkHomes, confDir, workDirectory, applications, System.getenv(), version),
                launcher, Clock.systemUTC());
        Optional<Path> stopAllFile = Optional.ofNullable(System.getProperty(STOP_ALL_FILE_PROPERTY)).map(Path::of);

        // Before anything listens: a stop that comes as soon as the port answers must still clean up.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> shutdown(server, workDirectory, !recovery || stopAllRequested(stopAllFile)), "livy-shutdown"));
        server.start();
        security.authType().ifPresent(type -> LOG.info("Authentication: {}", type));
        ExposureWarnings.of(conf, security.authType(), server.host(), System.getProperty("user.name"))
                .forEach(LOG::warn);
        LOG.info("Livy server {} listening on {}://{}:{}", version.version(),
                security.tls().isPresent() ? "https" : "http", server.host(), server.port());
        server.join();
    }

    private static void warnIfPasswordsAreReadable(Path confFile, LivyConf conf) {
        try {
            ConfWarnings.readablePasswords(confFile, conf).forEach(LOG::warn);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot read the permissions of {}: {}", confFile, e.toString());
        }
    }

    /** Whether {@code bin/livy-server stop --all} asked for it; the request is used up. */
    private static boolean stopAllRequested(Optional<Path> file) {
        if (file.isEmpty()) {
            return false;
        }
        try {
            return Files.deleteIfExists(file.get());
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", file.get(), e.toString());
            return true;
        }
    }

    private static void shutdown(ServerAssembly server, Path workDirectory, boolean stopApplications) {
        if (stopApplications) {
            LOG.info("Shutting down, with every session and batch");
        } else {
            LOG.info("Shutting down the server only: its sessions and batches keep running for the next server "
                    + "(bin/livy-server stop --all stops them too)");
        }
        server.close(stopApplications);
        try {
            Directories.deleteRecursively(workDirectory);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", workDirectory, e.toString());
        }
        LOG.info("Stopped");
    }
}
