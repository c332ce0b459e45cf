package dev.livy.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The recovery part of the catalogue: whether and where the server keeps its sessions and batches so that a restart
 * loses nothing. Livy's key names. Part of {@link LivyConfKeys#ALL}.
 */
public final class RecoveryConfKeys {
    public static final ConfigKey<String> RECOVERY_MODE = new ConfigKey<>("livy.server.recovery.mode", "off",
            "off: a restart forgets every session and batch (and stops them). recovery: sessions, their statements "
                    + "and batches are kept in livy.server.recovery.state-store and survive a restart or crash.",
            RecoveryConfKeys::mode);
    public static final ConfigKey<String> STATE_STORE = new ConfigKey<>("livy.server.recovery.state-store",
            "filesystem", "With recovery: filesystem (a local directory) or zookeeper.", RecoveryConfKeys::store);
    public static final ConfigKey<Optional<String>> STATE_STORE_URL = new ConfigKey<>(
            "livy.server.recovery.state-store.url", "",
            "With the filesystem store: its directory (a path or a file: URL). With zookeeper: ZooKeeper's "
                    + "host:port list, when livy.server.zookeeper.url is unset (Livy's older key).",
            ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> ZOOKEEPER_URL = new ConfigKey<>("livy.server.zookeeper.url", "",
            "With the zookeeper store: ZooKeeper's servers, a comma-separated host:port list.",
            ValueParsers::optionalText);
    public static final ConfigKey<ZooKeeperRetryPolicy> ZOOKEEPER_RETRY_POLICY = new ConfigKey<>(
            "livy.server.recovery.zk-state-store.retry-policy", "5,100",
            "With the zookeeper store: <max retries>,<sleep ms>: how often an operation is retried when the "
                    + "connection fails, with a backoff starting at the sleep.", ZooKeeperRetryPolicy::parse);
    public static final ConfigKey<String> ZOOKEEPER_KEY_PREFIX = new ConfigKey<>(
            "livy.server.recovery.zk-state-store.key-prefix", "livy",
            "With the zookeeper store: the top node under which everything is kept (/<prefix>/sessions/...).",
            RecoveryConfKeys::keyPrefix);
    public static final ConfigKey<Optional<String>> ZOOKEEPER_AUTH = new ConfigKey<>(
            "livy.server.recovery.zk-state-store.auth", "",
            "With the zookeeper store, required: user:password of ZooKeeper's digest authentication. Every node is "
                    + "created readable and writable by these credentials only (sessions' secrets are stored). "
                    + "Keep livy.conf readable by the server's user only.", ValueParsers::optionalText);
    public static final ConfigKey<Duration> ZOOKEEPER_CONNECT_TIMEOUT = new ConfigKey<>(
            "livy.server.recovery.zk-state-store.connect-timeout", "15s",
            "With the zookeeper store: how long the server waits at start for ZooKeeper before it gives up and "
                    + "does not start.", ValueParsers::positiveDuration);
    public static final ConfigKey<Duration> DRIVER_RECONNECT_TIMEOUT = new ConfigKey<>(
            "livy.rsc.server.reconnect-timeout", "30m",
            "With recovery: how long a driver that lost its server keeps its session and tries to reconnect before "
                    + "it exits by itself.", ValueParsers::positiveDuration);

    public static final ConfigKey<Optional<String>> APPLICATIONS_DIR = new ConfigKey<>(
            "livy.server.recovery.applications-dir", "",
            "With recovery: the server's long-lived directory, where each session's and batch's files (launch conf, "
                    + "output, exit code) outlive the server for the next one. Unset: beside the filesystem store's "
                    + "directory, named after it with -applications.", ValueParsers::optionalText);

    static final List<ConfigKey<?>> ALL = List.of(RECOVERY_MODE, STATE_STORE, STATE_STORE_URL, ZOOKEEPER_URL,
            ZOOKEEPER_RETRY_POLICY, ZOOKEEPER_KEY_PREFIX, ZOOKEEPER_AUTH, ZOOKEEPER_CONNECT_TIMEOUT,
            DRIVER_RECONNECT_TIMEOUT, APPLICATIONS_DIR);

    private RecoveryConfKeys() {
    }

    private static String mode(String value) {
        if (!value.equals("off") && !value.equals("recovery")) {
            throw new IllegalArgumentException("expected off or recovery");
        }
        return value;
    }

    private static String keyPrefix(String value) {
        if (!value.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("expected a node name (letters, digits, _ - .), such as livy");
        }
        return value;
    }

    private static String store(String value) {
        if (!value.equals("filesystem") && !value.equals("zookeeper")) {
            throw new IllegalArgumentException("expected filesystem or zookeeper");
        }
        return value;
    }
}
