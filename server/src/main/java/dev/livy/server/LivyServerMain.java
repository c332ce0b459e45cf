package dev.livy.server;

import dev.livy.common.api.VersionView;
import dev.livy.server.api.BuildInfo;
import dev.livy.server.config.LivyConf;
import dev.livy.server.launch.CommonsExecLauncher;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.ServerWorkDirectory;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.spark.ConfiguredSparkHomes;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.startup.ConfWarnings;
import dev.livy.server.startup.ExposureWarnings;
import dev.livy.server.util.Directories;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The server's entry point: reads the configuration, checks Spark, builds the {@link ServerAssembly} and runs it. */
public final class LivyServerMain {
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
        LivyConf conf = LivyConf.load(confDir);
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
        VersionView version = BuildInfo.load();
        ServerAssembly server = ServerAssembly.build(conf, security,
                new ServerEnvironment(sparkHomes, confDir, workDirectory, System.getenv(), version),
                launcher, Clock.systemUTC());

        // Before anything listens: a stop that comes as soon as the port answers must still clean up.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> shutdown(server, workDirectory), "livy-shutdown"));
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

    private static void shutdown(ServerAssembly server, Path workDirectory) {
        LOG.info("Shutting down");
        server.close();
        try {
            Directories.deleteRecursively(workDirectory);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", workDirectory, e.toString());
        }
        LOG.info("Stopped");
    }
}
