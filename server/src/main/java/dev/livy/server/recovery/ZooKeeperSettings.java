package dev.livy.server.recovery;

import dev.livy.server.config.ZooKeeperRetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how the ZooKeeper store connects.
 *
 * @param servers        ZooKeeper's comma-separated host:port list
 * @param prefix         the top node everything is kept under
 * @param retryPolicy    how an operation is retried when its connection fails
 * @param connectTimeout how long {@link ZooKeeperStateStore#open} waits for ZooKeeper
 * @param credentials    {@code user:password} of ZooKeeper's digest authentication; every node is readable by them
 *                       only
 */
public record ZooKeeperSettings(String servers, String prefix, ZooKeeperRetryPolicy retryPolicy,
        Duration connectTimeout, String credentials) {

    public ZooKeeperSettings {
        Objects.requireNonNull(servers, "servers");
        StateStore.checkKey(prefix);
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(credentials, "credentials");
    }

    /** Never the password, so that the settings can be logged. */
    @Override
    public String toString() {
        return "ZooKeeperSettings[servers=" + servers + ", prefix=" + prefix + "]";
    }
}
