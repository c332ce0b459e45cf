package dev.livy.server.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;

/**
 * A {@link StateStore} in ZooKeeper: key {@code a/b} is the node {@code /<prefix>/a/b}. A node's data is written
 * atomically by ZooKeeper; a value starts with a marker byte, so that a node created only as the parent of others
 * (empty data) holds no value. Every node carries {@link ZooDefs.Ids#CREATOR_ALL_ACL}: only a client authenticated with
 * this server's digest credentials may read or change it. A key's log is kept by {@link ZooKeeperLogs}. The store holds
 * {@link ZooKeeperLock} from {@link #open} to {@link #close}. Thread-safe.
 */
public final class ZooKeeperStateStore implements StateStore {
    /** ZooKeeper refuses requests beyond its jute.maxbuffer (1 MB by default) by dropping the connection. */
    static final int MAX_VALUE_BYTES = 1000 * 1000;
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(30);
    private static final byte VALUE_MARK = 1;

    private final CuratorFramework client;
    private final ZooKeeperLock lock;
    private final ZooKeeperLogs logs;

    private ZooKeeperStateStore(CuratorFramework client, ZooKeeperLock lock) {
        this.client = client;
        this.lock = lock;
        this.logs = new ZooKeeperLogs(client, lock);
    }

    /**
     * Connects, waiting up to the settings' connect timeout, and takes the store's lock.
     *
     * @throws StoreLockedException naming the holder when another server holds the store
     * @throws IOException when ZooKeeper does not answer in time or refuses this server's credentials
     */
    public static ZooKeeperStateStore open(ZooKeeperSettings settings) throws IOException {
        Objects.requireNonNull(settings, "settings");
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(settings.servers())
                .namespace(settings.prefix())
                .retryPolicy(new ExponentialBackoffRetry((int) settings.retryPolicy().sleep().toMillis(),
                        settings.retryPolicy().maxRetries()))
                .connectionTimeoutMs((int) Math.min(settings.connectTimeout().toMillis(), Integer.MAX_VALUE))
                .sessionTimeoutMs((int) SESSION_TIMEOUT.toMillis())
                .authorization("digest", settings.credentials().getBytes(StandardCharsets.UTF_8))
                .aclProvider(new CreatorOnly())
                .build();
        client.start();
        try {
            if (!client.blockUntilConnected((int) settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("ZooKeeper at " + settings.servers() + " did not answer within "
                        + settings.connectTimeout().toSeconds() + "s");
            }
            String where = settings.servers() + "/" + settings.prefix();
            return new ZooKeeperStateStore(client, ZooKeeperLock.acquire(client, where, SESSION_TIMEOUT));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            client.close();
            throw new IOException("Interrupted while connecting to ZooKeeper", e);
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        Objects.requireNonNull(value, "value");
        String path = path(key);
        if (value.length >= MAX_VALUE_BYTES) {
            throw new IOException("The value of " + key + " (" + value.length + " bytes) is larger than ZooKeeper "
                    + "takes (" + MAX_VALUE_BYTES + " bytes)");
        }
        lock.checkHeld();
        byte[] data = new byte[value.length + 1];
        data[0] = VALUE_MARK;
        System.arraycopy(value, 0, data, 1, value.length);
        try {
            try {
                client.setData().forPath(path, data);
            } catch (KeeperException.NoNodeException missing) {
                create(path, data);
            }
        } catch (Exception e) {
            throw failure(key, e);
        }
    }

    private void create(String path, byte[] data) throws Exception {
        try {
            client.create().creatingParentsIfNeeded().forPath(path, data);
        } catch (KeeperException.NodeExistsException raced) {
            client.setData().forPath(path, data);
        }
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        String path = path(key);
        try {
            byte[] data = client.getData().forPath(path);
            if (data == null || data.length == 0 || data[0] != VALUE_MARK) {
                return Optional.empty();
            }
            return Optional.of(Arrays.copyOfRange(data, 1, data.length));
        } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
        } catch (Exception e) {
            throw failure(key, e);
        }
    }

    @Override
    public List<String> children(String key) throws IOException {
        String path = path(key);
        try {
            List<String> names = new ArrayList<>(client.getChildren().forPath(path));
            names.removeIf(name -> name.startsWith(ZooKeeperLogs.RECORD_PREFIX));
            Collections.sort(names);
            return List.copyOf(names);
        } catch (KeeperException.NoNodeException e) {
            return List.of();
        } catch (Exception e) {
            throw failure(key, e);
        }
    }

    @Override
    public void append(String key, byte[] record) throws IOException {
        Objects.requireNonNull(record, "record");
        logs.append(key, record);
    }

    @Override
    public List<byte[]> records(String key) throws IOException {
        return logs.records(key);
    }

    @Override
    public void replaceRecords(String key, List<byte[]> records) throws IOException {
        logs.replace(key, List.copyOf(records));
    }

    @Override
    public void delete(String key) throws IOException {
        String path = path(key);
        lock.checkHeld();
        try {
            client.delete().deletingChildrenIfNeeded().forPath(path);
        } catch (KeeperException.NoNodeException e) {
            return;
        } catch (Exception e) {
            throw failure(key, e);
        }
    }

    /** Gives the lock back and ends the session. */
    @Override
    public void close() {
        try {
            lock.close();
        } finally {
            client.close();
        }
    }

    /** The connection, for tests that end its session as a network partition would. */
    CuratorFramework client() {
        return client;
    }

    private static String path(String key) {
        return "/" + StateStore.checkKey(key);
    }

    static IOException failure(String key, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        if (e instanceof KeeperException.NoAuthException) {
            return new IOException("ZooKeeper refuses this server's credentials (livy.server.recovery.zk-state-store"
                    + ".auth) for " + key + ": the nodes were created with other credentials", e);
        }
        if (e instanceof IOException io) {
            return io;
        }
        return new IOException("ZooKeeper failed on " + key + ": " + e.getMessage(), e);
    }

    /** Every node readable and writable by the credentials that created it, and by no one else. */
    private static final class CreatorOnly implements ACLProvider {
        @Override
        public List<ACL> getDefaultAcl() {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }

        @Override
        public List<ACL> getAclForPath(String path) {
            return ZooDefs.Ids.CREATOR_ALL_ACL;
        }
    }
}
