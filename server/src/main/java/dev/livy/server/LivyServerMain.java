package dev.livy.server;

import dev.livy.common.api.VersionView;
import dev.livy.server.api.ApiApplication;
import dev.livy.server.api.BuildInfo;
import dev.livy.server.api.RequestAccess;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.batch.BatchSettings;
import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import dev.livy.server.config.SecurityConfKeys;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.launch.CommonsExecLauncher;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.ServerWorkDirectory;
import dev.livy.server.security.AccessPolicy;
import dev.livy.server.security.Impersonation;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.session.SessionLaunchers;
import dev.livy.server.session.SessionManager;
import dev.livy.server.session.SessionSettings;
import dev.livy.server.spark.ConfiguredSparkHomes;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.startup.ConfWarnings;
import dev.livy.server.startup.ExposureWarnings;
import dev.livy.server.util.Directories;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.LocalPathWhitelist;
import dev.livy.server.validation.SessionRequestValidator;
import dev.livy.server.validation.SparkConfBlacklist;
import dev.livy.server.validation.SparkResourcesValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/** The composition root: reads the configuration, checks Spark, wires every part with {@code new}, and runs. */
public final class LivyServerMain {
    private static final Logger LOG = LoggerFactory.getLogger(LivyServerMain.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String ALL_INTERFACES = "0.0.0.0";

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

        String channelAddress = conf.get(LivyConfKeys.LAUNCHER_ADDRESS);
        DriverChannelServer channel = new DriverChannelServer(channelAddress, conf.get(LivyConfKeys.LAUNCHER_PORT),
                conf.get(LivyConfKeys.DRIVER_HANDSHAKE_TIMEOUT));
        PerSparkHome perSparkHome = new PerSparkHome(sparkHomes, conf.get(LivyConfKeys.SPARK_MASTER),
                conf.get(LivyConfKeys.SPARK_DEPLOY_MODE), launcher, workDirectory);
        SessionLaunchers sessionLaunchers = perSparkHome.sessionLaunchers(channelAddress, channel.port(),
                driverSettings(conf), sparkHome -> driverClassArchive(conf, sparkHome));
        SessionManager sessions = new SessionManager(sessionLaunchers, Clock.systemUTC(), SessionSettings.from(conf));
        SparkResourcesValidator resourcesValidator = new SparkResourcesValidator(
                SparkConfBlacklist.load(confDir.resolve("spark-blacklist.conf")),
                new LocalPathWhitelist(conf.get(LivyConfKeys.LOCAL_DIR_WHITELIST)), Optional.of(sparkHomes));
        SessionRequestValidator validator = new SessionRequestValidator(resourcesValidator);
        BatchManager batches = new BatchManager(perSparkHome.batchLaunchers(
                new LocalClusterManager(conf.get(LivyConfKeys.SPARK_DEPLOY_MODE).equals("cluster"))),
                BatchSettings.from(conf));
        BatchRequestValidator batchValidator = new BatchRequestValidator(resourcesValidator);

        String host = conf.get(LivyConfKeys.SERVER_HOST)
                .orElse(security.authType().isPresent() ? ALL_INTERFACES : LOOPBACK);
        VersionView version = BuildInfo.load();
        LivyServer http = new LivyServer(host, conf.get(LivyConfKeys.SERVER_PORT),
                ApiApplication.create(sessions, validator, batches, batchValidator, version,
                        requestAccess(conf)),
                new RequestBodyLimits(conf.get(LivyConfKeys.MAX_REQUEST_BODY),
                        conf.get(LivyConfKeys.REQUEST_BODY_TIMEOUT)),
                security.filters(), security.tls());

        // Before anything listens: a stop that comes as soon as the port answers must still clean up.
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> shutdown(http, sessions, batches, channel, perSparkHome, workDirectory), "livy-shutdown"));
        sessions.start();
        channel.start(sessions);
        http.start();
        security.authType().ifPresent(type -> LOG.info("Authentication: {}", type));
        ExposureWarnings.of(conf, security.authType(), host, System.getProperty("user.name")).forEach(LOG::warn);
        LOG.info("Livy server {} listening on {}://{}:{}", version.version(),
                security.tls().isPresent() ? "https" : "http", host, http.port());
        http.join();
    }

    private static void warnIfPasswordsAreReadable(Path confFile, LivyConf conf) {
        try {
            ConfWarnings.readablePasswords(confFile, conf).forEach(LOG::warn);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("Cannot read the permissions of {}: {}", confFile, e.toString());
        }
    }

    private static RequestAccess requestAccess(LivyConf conf) {
        List<String> superusers = conf.get(SecurityConfKeys.SUPERUSERS);
        return new RequestAccess(new AccessPolicy(conf.get(SecurityConfKeys.ACCESS_CONTROL),
                conf.get(SecurityConfKeys.ALLOWED_USERS), conf.get(SecurityConfKeys.VIEW_USERS),
                conf.get(SecurityConfKeys.MODIFY_USERS), superusers),
                new Impersonation(conf.get(SecurityConfKeys.IMPERSONATION), superusers));
    }

    /** Client-mode drivers run on this host with the java spark-submit picks: they can share a class archive. */
    private static DriverClassArchive driverClassArchive(LivyConf conf, Path sparkHome) {
        boolean clientMode = conf.get(LivyConfKeys.SPARK_DEPLOY_MODE).equals("client");
        if (!conf.get(LivyConfKeys.DRIVER_CLASS_ARCHIVE) || !clientMode) {
            return DriverClassArchive.disabled();
        }
        try {
            return DriverClassArchive.in(DriverClassArchive.cacheDirectory(System.getenv()), sparkHome,
                    DriverClassArchive.sparkJava(System.getenv()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Drivers start without a class archive: {}", e.toString());
            return DriverClassArchive.disabled();
        }
    }

    /** The server settings a driver needs, passed in its launch config. */
    private static Map<String, String> driverSettings(LivyConf conf) {
        return Map.of(LivyConfKeys.SQL_NUM_ROWS.name(), String.valueOf(conf.get(LivyConfKeys.SQL_NUM_ROWS)),
                LivyConfKeys.MAX_STATEMENT_OUTPUT.name(),
                String.valueOf(conf.get(LivyConfKeys.MAX_STATEMENT_OUTPUT)));
    }

    /** Stops in reverse order of start: no new requests, then every driver and batch, then the driver channel. */
    private static void shutdown(LivyServer http, SessionManager sessions, BatchManager batches,
            DriverChannelServer channel, PerSparkHome perSparkHome, Path workDirectory) {
        LOG.info("Shutting down");
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the HTTP server failed", e);
        }
        sessions.close();
        batches.close();
        perSparkHome.closeClassArchives();
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the driver channel failed", e);
        }
        try {
            Directories.deleteRecursively(workDirectory);
        } catch (IOException e) {
            LOG.warn("Cannot remove {}: {}", workDirectory, e.toString());
        }
        LOG.info("Stopped");
    }
}
