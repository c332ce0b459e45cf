package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;

/** A plain ZooKeeper client for the tests to look at a store's nodes as another party would. */
final class ZooKeeperClients {
    private ZooKeeperClients() {
    }

    /** A connected client of {@code connectString}, with digest {@code credentials} or anonymous when null. */
    static CuratorFramework connected(String connectString, String credentials) throws InterruptedException {
        CuratorFrameworkFactory.Builder builder = CuratorFrameworkFactory.builder()
                .connectString(connectString).retryPolicy(new RetryOneTime(100));
        if (credentials != null) {
            builder.authorization("digest", credentials.getBytes(StandardCharsets.UTF_8));
        }
        CuratorFramework client = builder.build();
        client.start();
        assertTrue(client.blockUntilConnected(15, TimeUnit.SECONDS));
        return client;
    }
}
