package dev.livy.server;

import dev.livy.server.config.ClusterConfKeys;
import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.ClusterPoller;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.standalone.DriverKillCommand;
import dev.livy.server.standalone.MasterWebUi;
import dev.livy.server.standalone.SparkStandaloneMaster;
import dev.livy.server.standalone.StandaloneClusterManager;
import dev.livy.server.standalone.StandaloneDriverPoller;
import dev.livy.server.yarn.ResourceManagerRest;
import dev.livy.server.yarn.YarnApplicationPoller;
import dev.livy.server.yarn.YarnClusterManager;
import dev.livy.server.yarn.YarnSite;
import java.io.IOException;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster manager for {@code livy.spark.master} and what it runs: YARN gets a {@link YarnClusterManager} and
 * the server's one ResourceManager poller, a standalone master a {@link StandaloneClusterManager} (in cluster mode
 * with the server's one poller of the master's drivers); every other
 * master the {@link LocalClusterManager}. A Kubernetes manager would be one more branch here. Thread-safe
 * (immutable; the poller is).
 */
final class ClusterManagers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterManagers.class);

    private final ClusterManager manager;
    private final Optional<ClusterPoller> poller;

    private ClusterManagers(ClusterManager manager, Optional<ClusterPoller> poller) {
        this.manager = Objects.requireNonNull(manager, "manager");
        this.poller = poller;
    }

    /** @param sparkHome the server's default Spark, whose {@code spark-class} kills standalone drivers */
    static ClusterManagers from(LivyConf conf, Map<String, String> environment, SparkHome sparkHome,
            ProcessLauncher processes) throws IOException {
        boolean clusterMode = conf.get(LivyConfKeys.SPARK_DEPLOY_MODE).equals("cluster");
        String master = conf.get(LivyConfKeys.SPARK_MASTER);
        if (master.startsWith("spark://")) {
            return standalone(conf, master, clusterMode, new DriverKillCommand(sparkHome.installation().home(),
                    sparkHome.environment(), master, processes));
        }
        if (!master.startsWith("yarn")) {
            return new ClusterManagers(new LocalClusterManager(clusterMode), Optional.empty());
        }
        Optional<String> configured = conf.get(ClusterConfKeys.YARN_RESOURCE_MANAGER_URL);
        URI address = configured.isPresent() ? URI.create(configured.get())
                : YarnSite.resourceManagerAddress(environment);
        LOG.info("YARN's ResourceManager: {}", address);
        ResourceManagerRest resourceManager = new ResourceManagerRest(address);
        YarnApplicationPoller poller = new YarnApplicationPoller(resourceManager,
                conf.get(ClusterConfKeys.YARN_POLL_INTERVAL), conf.get(ClusterConfKeys.YARN_APP_LOOKUP_TIMEOUT));
        return new ClusterManagers(new YarnClusterManager(clusterMode, poller), Optional.of(poller));
    }

    private static ClusterManagers standalone(LivyConf conf, String master, boolean clusterMode,
            DriverKillCommand kill) {
        if (!clusterMode) {
            return new ClusterManagers(new StandaloneClusterManager(master), Optional.empty());
        }
        List<URI> webUis = conf.get(ClusterConfKeys.STANDALONE_MASTER_UI_URL)
                .map(urls -> Arrays.stream(urls.split(",")).map(String::strip).map(URI::create).toList())
                .orElseGet(() -> StandaloneClusterManager.defaultWebUis(master));
        LOG.info("The Spark master's web UI: {}", webUis);
        StandaloneDriverPoller poller = new StandaloneDriverPoller(
                new SparkStandaloneMaster(new MasterWebUi(webUis), kill),
                conf.get(ClusterConfKeys.STANDALONE_POLL_INTERVAL),
                conf.get(ClusterConfKeys.STANDALONE_DRIVER_LOOKUP_TIMEOUT));
        return new ClusterManagers(new StandaloneClusterManager(master, poller), Optional.of(poller));
    }

    ClusterManager manager() {
        return manager;
    }

    void start() {
        poller.ifPresent(ClusterPoller::start);
    }

    @Override
    public void close() {
        poller.ifPresent(ClusterPoller::close);
    }
}
