package dev.livy.server;

import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.api.ApiApplication;
import dev.livy.server.api.RequestAccess;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.batch.BatchSettings;
import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import dev.livy.server.config.MetricsAccess;
import dev.livy.server.config.RecoveryConfKeys;
import dev.livy.server.config.SecurityConfKeys;
import dev.livy.server.config.SparkConfKeys;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.launch.DetachedProcessLauncher;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.metrics.PublicMetrics;
import dev.livy.server.metrics.ServerMetrics;
import dev.livy.server.metrics.SessionTimings;
import dev.livy.server.recovery.ApplicationsDirectory;
import dev.livy.server.recovery.ChannelPort;
import dev.livy.server.recovery.StateStore;
import dev.livy.server.recovery.StateStores;
import dev.livy.server.security.AccessPolicy;
import dev.livy.server.security.Impersonation;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.session.PoolSettings;
import dev.livy.server.session.SessionManager;
import dev.livy.server.session.SessionObserver;
import dev.livy.server.session.SessionSettings;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.LocalPathWhitelist;
import dev.livy.server.validation.SessionRequestValidator;
import dev.livy.server.validation.SparkConfBlacklist;
import dev.livy.server.validation.SparkRSupport;
import dev.livy.server.validation.SparkResourcesValidator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part the server runs (the driver channel, the launchers, the managers, the
 * validators, access control and the HTTP server) from the configuration, the process launcher and the clock, starts
 * them in order and closes them in reverse. {@link LivyServerMain} builds it with the real launcher; the in-process
 * test server builds it with a fake one. Not thread-safe: start and close it from one thread.
 */
public final class ServerAssembly implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerAssembly.class);
    private static final String LOOPBACK = "127.0.0.1";
    private static final String ALL_INTERFACES = "0.0.0.0";

    private final DriverChannelServer channel;
    private final ClusterManagers clusters;
    private final PerSparkHome perSparkHome;
    private final SessionManager sessions;
    private final BatchManager batches;
    private final Optional<ServerMetrics> metrics;
    private final LivyServer http;
    private final String host;
    private final StateStore stateStore;

    private ServerAssembly(DriverChannelServer channel, PerSparkHome perSparkHome, ClusterManagers clusters,
            SessionManager sessions, BatchManager batches, Optional<ServerMetrics> metrics, LivyServer http,
            String host, StateStore stateStore) {
        this.stateStore = stateStore;
        this.channel = channel;
        this.perSparkHome = perSparkHome;
        this.clusters = clusters;
        this.sessions = sessions;
        this.batches = batches;
        this.metrics = metrics;
        this.http = http;
        this.host = host;
    }

    /**
     * Builds the server; nothing runs until {@link #start}. The driver channel's port is bound already, so that
     * launchers know it.
     *
     * @throws IllegalStateException naming the keys when the driver channel's port cannot be bound or the state
     *                               store cannot be opened
     * @throws IOException when the Spark configuration or the blacklist cannot be read
     */
    public static ServerAssembly build(LivyConf conf, ServerSecurity security, ServerEnvironment environment,
            ProcessLauncher processes, Clock clock) throws IOException {
        StateStore stateStore = StateStores.open(conf);
        if (stateStore.enabled()) {
            try {
                ApplicationsDirectory.create(environment.applicationsDirectory(), conf);
            } catch (RuntimeException e) {
                stateStore.close();
                throw e;
            }
        }
        DriverChannelServer channel;
        try {
            channel = new DriverChannelServer(conf.get(LivyConfKeys.LAUNCHER_ADDRESS),
                    ChannelPort.toBind(stateStore, conf.get(LivyConfKeys.LAUNCHER_PORT)),
                    conf.get(LivyConfKeys.DRIVER_HANDSHAKE_TIMEOUT));
        } catch (IOException | RuntimeException e) {
            stateStore.close();
            throw e;
        }
        try {
            ChannelPort.remember(stateStore, channel.port());
            return build(conf, security, environment, processes, clock, channel, stateStore);
        } catch (IOException | RuntimeException e) {
            channel.close();
            stateStore.close();
            throw e;
        }
    }

    private static ServerAssembly build(LivyConf conf, ServerSecurity security, ServerEnvironment environment,
            ProcessLauncher processes, Clock clock, DriverChannelServer channel, StateStore stateStore)
            throws IOException {
        PerSparkHome perSparkHome = new PerSparkHome(environment.sparkHomes(), conf.get(LivyConfKeys.SPARK_MASTER),
                conf.get(LivyConfKeys.SPARK_DEPLOY_MODE), processes, environment.applicationsDirectory(),
                environment.variables(), stateStore.enabled() ? Optional.of(DetachedProcessLauncher.forking(processes))
                        : Optional.empty());
        MetricsAccess metricsAccess = conf.get(LivyConfKeys.METRICS_ACCESS);
        Optional<PrometheusMeterRegistry> registry = metricsAccess == MetricsAccess.OFF ? Optional.empty()
                : Optional.of(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        ClusterManagers clusters = ClusterManagers.from(conf, environment.variables(),
                environment.sparkHomes().defaultHome(), processes);
        SessionManager sessions = new SessionManager(perSparkHome.sessionLaunchers(
                conf.get(LivyConfKeys.LAUNCHER_ADDRESS), channel.port(), driverSettings(conf),
                sparkHome -> driverClassArchive(conf, environment, sparkHome), clusters.manager()), clock,
                SessionSettings.from(conf), registry.<SessionObserver>map(SessionTimings::new)
                .orElse(SessionObserver.NONE), stateStore, conf.get(RecoveryConfKeys.DRIVER_RECONNECT_TIMEOUT),
                PoolSettings.from(conf));
        BatchManager batches = new BatchManager(perSparkHome.batchLaunchers(clusters.manager()),
                BatchSettings.from(conf), stateStore);
        Optional<ServerMetrics> metrics = registry.map(meters -> new ServerMetrics(meters, sessions, batches));
        SparkResourcesValidator resources = new SparkResourcesValidator(
                SparkConfBlacklist.load(environment.confDirectory().resolve("spark-blacklist.conf")),
                new LocalPathWhitelist(conf.get(LivyConfKeys.LOCAL_DIR_WHITELIST)),
                Optional.of(environment.sparkHomes()));
        String host = conf.get(LivyConfKeys.SERVER_HOST)
                .orElse(security.authType().isPresent() ? ALL_INTERFACES : LOOPBACK);
        LivyServer http = new LivyServer(host, conf.get(LivyConfKeys.SERVER_PORT),
                ApiApplication.create(sessions, new SessionRequestValidator(resources, sparkR(conf, environment)),
                        batches, new BatchRequestValidator(resources), environment.version(), requestAccess(conf),
                        metricsAccess, metrics),
                new RequestBodyLimits(conf.get(LivyConfKeys.MAX_REQUEST_BODY),
                        conf.get(LivyConfKeys.REQUEST_BODY_TIMEOUT)),
                security.filters(), security.tls(), publicMetrics(metricsAccess, metrics));
        return new ServerAssembly(channel, perSparkHome, clusters, sessions, batches, metrics, http, host,
                stateStore);
    }

    /**
     * Starts the parts in order: the cluster manager's poller, the recovered batches and sessions, the session
     * timers, the driver
     * channel, then HTTP.
     */
    public void start() throws Exception {
        clusters.start();
        batches.recover();
        sessions.recover();
        sessions.start();
        channel.start(sessions);
        http.start();
    }

    public String host() {
        return host;
    }

    /** The HTTP port, once started. */
    public int port() {
        return http.port();
    }

    public SessionManager sessions() {
        return sessions;
    }

    public BatchManager batches() {
        return batches;
    }

    /** Where sessions and batches are kept across restarts; {@link StateStore#DISABLED} with recovery off. */
    public StateStore stateStore() {
        return stateStore;
    }

    /** Waits until the HTTP server stops. */
    public void join() throws InterruptedException {
        http.join();
    }

    /**
     * Stops in reverse order of start: no new requests, then every driver and batch (with recovery off; with it on
     * they keep running for the next server), then the driver channel.
     */
    @Override
    public void close() {
        close(!stateStore.enabled());
    }

    /**
     * Stops the server; {@code stopApplications} says whether its drivers and batches stop too ({@code bin/livy-server
     * stop --all}, or recovery off) or keep running for the next server (a graceful stop with recovery on).
     */
    public void close(boolean stopApplications) {
        try {
            http.stop();
        } catch (Exception e) {
            LOG.warn("Stopping the HTTP server failed", e);
        }
        sessions.close(stopApplications);
        batches.close(stopApplications);
        perSparkHome.close();
        metrics.ifPresent(ServerMetrics::close);
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Closing the driver channel failed", e);
        }
        clusters.close();
        try {
            stateStore.close();
        } catch (IOException e) {
            LOG.warn("Closing the state store failed", e);
        }
    }

    /** With public metrics, {@code GET /metrics} is answered before the authentication filters. */
    private static UnaryOperator<Handler> publicMetrics(MetricsAccess access, Optional<ServerMetrics> metrics) {
        if (access != MetricsAccess.PUBLIC || metrics.isEmpty()) {
            return UnaryOperator.identity();
        }
        return handler -> new PublicMetrics(metrics.get(), handler);
    }

    /**
     * In cluster mode the driver, and so R, runs on another machine, which this one cannot check. SparkR is looked
     * for in the Spark home each session picks, then in the library livy.server.sparkr.library names.
     */
    private static SparkRSupport sparkR(LivyConf conf, ServerEnvironment environment) {
        return clusterMode(conf) ? SparkRSupport.unchecked()
                : SparkRSupport.of(environment.sparkHomes(), sparkRLibrary(conf), environment.variables());
    }

    private static Optional<Path> sparkRLibrary(LivyConf conf) {
        return conf.get(SparkConfKeys.SPARKR_LIBRARY).map(Path::of);
    }

    private static boolean clusterMode(LivyConf conf) {
        return conf.get(LivyConfKeys.SPARK_DEPLOY_MODE).equals("cluster");
    }

    /** The server settings a driver works by, passed in its launch config. */
    static DriverSettings driverSettings(LivyConf conf) {
        DriverSettings settings = new DriverSettings(conf.get(LivyConfKeys.SQL_NUM_ROWS),
                conf.get(LivyConfKeys.MAX_STATEMENT_OUTPUT))
                .withSparkRLibrary(sparkRLibrary(conf).map(Path::toString).orElse(null));
        return StateStores.recoveryOn(conf)
                ? settings.withReconnectTimeout(conf.get(RecoveryConfKeys.DRIVER_RECONNECT_TIMEOUT).toMillis())
                : settings;
    }

    private static RequestAccess requestAccess(LivyConf conf) {
        List<String> superusers = conf.get(SecurityConfKeys.SUPERUSERS);
        return new RequestAccess(new AccessPolicy(conf.get(SecurityConfKeys.ACCESS_CONTROL),
                conf.get(SecurityConfKeys.ALLOWED_USERS), conf.get(SecurityConfKeys.VIEW_USERS),
                conf.get(SecurityConfKeys.MODIFY_USERS), superusers),
                new Impersonation(conf.get(SecurityConfKeys.IMPERSONATION), superusers));
    }

    /** Client-mode drivers run on this host with the java spark-submit picks: they can share a class archive. */
    private static DriverClassArchive driverClassArchive(LivyConf conf, ServerEnvironment environment,
            Path sparkHome) {
        if (!conf.get(LivyConfKeys.DRIVER_CLASS_ARCHIVE) || clusterMode(conf)) {
            return DriverClassArchive.disabled();
        }
        try {
            return DriverClassArchive.in(DriverClassArchive.cacheDirectory(environment.variables()),
                    sparkHome, DriverClassArchive.sparkJava(environment.variables()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Drivers start without a class archive: {}", e.toString());
            return DriverClassArchive.disabled();
        }
    }
}
