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
            "With the filesystem store: its directory (a path or a file: URL).", ValueParsers::optionalText);
    public static final ConfigKey<Duration> DRIVER_RECONNECT_TIMEOUT = new ConfigKey<>(
            "livy.rsc.server.reconnect-timeout", "30m",
            "With recovery: how long a driver that lost its server keeps its session and tries to reconnect before "
                    + "it exits by itself.", ValueParsers::positiveDuration);

    public static final ConfigKey<Optional<String>> APPLICATIONS_DIR = new ConfigKey<>(
            "livy.server.recovery.applications-dir", "",
            "With recovery: the server's long-lived directory, where each session's and batch's files (launch conf, "
                    + "output, exit code) outlive the server for the next one. Unset: beside the filesystem store's "
                    + "directory, named after it with -applications.", ValueParsers::optionalText);

    static final List<ConfigKey<?>> ALL = List.of(RECOVERY_MODE, STATE_STORE, STATE_STORE_URL,
            DRIVER_RECONNECT_TIMEOUT,
            APPLICATIONS_DIR);

    private RecoveryConfKeys() {
    }

    private static String mode(String value) {
        if (!value.equals("off") && !value.equals("recovery")) {
            throw new IllegalArgumentException("expected off or recovery");
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
