package dev.livy.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The cluster-manager part of the catalogue: how the server talks to YARN's ResourceManager and to a Spark
 * standalone master. Livy's key names
 * where Livy has the key. Part of {@link LivyConfKeys#ALL}.
 */
public final class ClusterConfKeys {
    public static final ConfigKey<Duration> YARN_POLL_INTERVAL = new ConfigKey<>("livy.server.yarn.poll-interval",
            "5s", "How often the server asks YARN's ResourceManager for the state of the applications it follows "
                    + "(one thread for all of them).", ValueParsers::positiveDuration);
    public static final ConfigKey<Duration> YARN_APP_LOOKUP_TIMEOUT = new ConfigKey<>(
            "livy.server.yarn.app-lookup-timeout", "120s",
            "How long YARN's ResourceManager may not know an application the server follows (its id read from "
                    + "spark-submit's output) before the batch is dead with that reason.",
            ValueParsers::positiveDuration);
    public static final ConfigKey<Optional<String>> YARN_RESOURCE_MANAGER_URL = new ConfigKey<>(
            "livy.server.yarn.resource-manager-url", "",
            "Web address of YARN's ResourceManager, such as http://rm.example.com:8088, for its REST API. Unset: "
                    + "yarn.resourcemanager.webapp.address from yarn-site.xml in YARN_CONF_DIR or HADOOP_CONF_DIR.",
            ValueParsers::optionalText);

    public static final ConfigKey<Optional<String>> STANDALONE_MASTER_UI_URL = new ConfigKey<>(
            "livy.server.standalone.master-ui-url", "",
            "Web UI address of the Spark standalone master, such as http://master.example.com:8080 (comma-separated "
                    + "for standby masters), where the server follows cluster-mode batches' drivers. Unset: port "
                    + "8080 of each host of livy.spark.master.", ValueParsers::optionalText);
    public static final ConfigKey<Duration> STANDALONE_POLL_INTERVAL = new ConfigKey<>(
            "livy.server.standalone.poll-interval", "2s",
            "How often the server reads the standalone master's state for the cluster-mode batch drivers it follows "
                    + "(one thread and one request for all of them).", ValueParsers::positiveDuration);
    public static final ConfigKey<Duration> STANDALONE_DRIVER_LOOKUP_TIMEOUT = new ConfigKey<>(
            "livy.server.standalone.driver-lookup-timeout", "120s",
            "How long the standalone master may not list a cluster-mode batch's driver the server follows before "
                    + "the batch is dead with that reason.", ValueParsers::positiveDuration);

    static final List<ConfigKey<?>> ALL = List.of(YARN_POLL_INTERVAL, YARN_APP_LOOKUP_TIMEOUT,
            YARN_RESOURCE_MANAGER_URL, STANDALONE_MASTER_UI_URL, STANDALONE_POLL_INTERVAL,
            STANDALONE_DRIVER_LOOKUP_TIMEOUT);

    private ClusterConfKeys() {
    }
}
