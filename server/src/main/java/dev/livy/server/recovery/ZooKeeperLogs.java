package dev.livy.server.recovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.transaction.CuratorOp;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;

/**
 * The logs of a {@link ZooKeeperStateStore}: key {@code a/b}'s records are the sequential nodes
 * {@code /<prefix>/a/b/.record-<n>}, in the order of their numbers (a dot starts no key's segment, so they are
 * never taken for keys). A node's data is written atomically, so a record is never torn; replacing a log is one
 * transaction. The nodes carry the store's ACL. Thread-safe.
 */
final class ZooKeeperLogs {
    static final String RECORD_PREFIX = ".record-";
    /** A transaction is one request, under jute.maxbuffer as a value is; each operation adds its path and headers. */
    private static final int OPERATION_OVERHEAD_BYTES = 200;

    private final CuratorFramework client;
    private final ZooKeeperLock lock;

    ZooKeeperLogs(CuratorFramework client, ZooKeeperLock lock) {
        this.client = client;
        this.lock = lock;
    }

    void append(String key, byte[] record) throws IOException {
        checkSize(key, record.length);
        lock.checkHeld();
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                    .forPath(path(key) + "/" + RECORD_PREFIX, record);
        } catch (Exception e) {
            throw ZooKeeperStateStore.failure(key, e);
        }
    }

    List<byte[]> records(String key) throws IOException {
        List<byte[]> records = new ArrayList<>();
        try {
            for (String node : recordNodes(key)) {
                try {
                    records.add(client.getData().forPath(path(key) + "/" + node));
                } catch (KeeperException.NoNodeException replacedMeanwhile) {
                    continue;
                }
            }
        } catch (Exception e) {
            throw ZooKeeperStateStore.failure(key, e);
        }
        return List.copyOf(records);
    }

    void replace(String key, List<byte[]> records) throws IOException {
        long bytes = 0;
        for (byte[] record : records) {
            checkSize(key, record.length);
            bytes += record.length + OPERATION_OVERHEAD_BYTES;
        }
        lock.checkHeld();
        try {
            List<String> old = recordNodes(key);
            bytes += (long) old.size() * OPERATION_OVERHEAD_BYTES;
            if (bytes >= ZooKeeperStateStore.MAX_VALUE_BYTES) {
                throw new IOException("Replacing the log of " + key + " (" + records.size() + " records, " + bytes
                        + " bytes with the transaction's overhead) is larger than ZooKeeper takes in one transaction ("
                        + ZooKeeperStateStore.MAX_VALUE_BYTES + " bytes)");
            }
            if (client.checkExists().forPath(path(key)) == null) {
                client.create().creatingParentsIfNeeded().forPath(path(key), new byte[0]);
            }
            List<CuratorOp> operations = new ArrayList<>();
            for (String node : old) {
                operations.add(client.transactionOp().delete().forPath(path(key) + "/" + node));
            }
            for (byte[] record : records) {
                operations.add(client.transactionOp().create().withMode(CreateMode.PERSISTENT_SEQUENTIAL)
                        .forPath(path(key) + "/" + RECORD_PREFIX, record));
            }
            if (!operations.isEmpty()) {
                client.transaction().forOperations(operations);
            }
        } catch (Exception e) {
            throw ZooKeeperStateStore.failure(key, e);
        }
    }

    private List<String> recordNodes(String key) throws Exception {
        try {
            return client.getChildren().forPath(path(key)).stream().filter(name -> name.startsWith(RECORD_PREFIX))
                    .sorted().toList();
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        }
    }

    private static void checkSize(String key, int length) throws IOException {
        if (length >= ZooKeeperStateStore.MAX_VALUE_BYTES) {
            throw new IOException("A record of " + key + " (" + length + " bytes) is larger than ZooKeeper takes ("
                    + ZooKeeperStateStore.MAX_VALUE_BYTES + " bytes)");
        }
    }

    private static String path(String key) {
        return "/" + StateStore.checkKey(key);
    }
}
