package dev.livy.server.recovery;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ephemeral node {@code /<prefix>/server/lock} that says which server uses the ZooKeeper store. ZooKeeper removes
 * it when the holder's session ends (a stop, or a crash once the session times out); a holder on this host whose
 * process is gone is recognised at once, so that a restart after a crash is not refused. When this server loses its
 * session it loses the lock: writes fail until it has taken the lock again on reconnection. Thread-safe.
 */
final class ZooKeeperLock implements ConnectionStateListener, AutoCloseable {
    static final String PATH = "/server/lock";
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLock.class);

    private final CuratorFramework client;
    private final String where;
    private final Duration sessionTimeout;
    private final LockHolder self = LockHolder.current();
    private final byte[] holder = self.toJson();
    private volatile boolean held;

    private ZooKeeperLock(CuratorFramework client, String where, Duration sessionTimeout) {
        this.client = client;
        this.where = where;
        this.sessionTimeout = sessionTimeout;
    }

    /** @throws StoreLockedException naming the holder when another server holds the lock */
    static ZooKeeperLock acquire(CuratorFramework client, String where, Duration sessionTimeout)
            throws IOException {
        ZooKeeperLock lock = new ZooKeeperLock(client, where, sessionTimeout);
        lock.take();
        client.getConnectionStateListenable().addListener(lock);
        return lock;
    }

    /** @throws IOException when this server does not hold the lock (it lost its ZooKeeper session) */
    void checkHeld() throws IOException {
        if (!held) {
            throw new IOException("This server lost its ZooKeeper session, and with it the lock on the state store "
                    + where + "; nothing is written until it holds the lock again");
        }
    }

    @Override
    public void stateChanged(CuratorFramework changed, ConnectionState state) {
        if (state == ConnectionState.LOST) {
            held = false;
            LOG.error("The ZooKeeper session ended: this server no longer holds the lock on the state store {}",
                    where);
        } else if (state == ConnectionState.RECONNECTED && !held) {
            try {
                take();
                LOG.info("Holding the lock on the state store {} again", where);
            } catch (IOException e) {
                LOG.error("Cannot take the lock on the state store again: {}", e.getMessage());
            }
        }
    }

    private synchronized void take() throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                if (created() || held) {
                    held = true;
                    return;
                }
            } catch (StoreLockedException e) {
                throw e;
            } catch (Exception e) {
                throw ZooKeeperStateStore.failure("lock", e);
            }
        }
        throw new StoreLockedException("The lock on the state store " + where + " keeps changing hands");
    }

    /** True when this server created the lock; false when it found it stale (removed) or its own. */
    private boolean created() throws Exception {
        try {
            client.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL).forPath(PATH, holder);
            return true;
        } catch (KeeperException.NodeExistsException e) {
            Optional<String> refusal = takeOverOrRefuse();
            if (refusal.isPresent()) {
                throw new StoreLockedException(refusal.get());
            }
            return false;
        }
    }

    /** Empty when the lock is ours or was stale and is removed; else why this server is refused. */
    private Optional<String> takeOverOrRefuse() throws Exception {
        Stat stat = new Stat();
        byte[] data;
        try {
            data = client.getData().storingStatIn(stat).forPath(PATH);
        } catch (KeeperException.NoNodeException gone) {
            return Optional.empty();
        }
        if (stat.getEphemeralOwner() == client.getZookeeperClient().getZooKeeper().getSessionId()) {
            held = true;
            return Optional.empty();
        }
        Optional<LockHolder> other = LockHolder.parse(data);
        boolean ownFromAnEndedSession = other.map(self::equals).orElse(false);
        if (ownFromAnEndedSession || other.map(LockHolder::goneFromThisHost).orElse(false)) {
            LOG.info("The state store's lock is left from {} ({}): taking it", other.get().describe(),
                    ownFromAnEndedSession ? "this server, in a ZooKeeper session that has ended" : "it has exited");
            try {
                client.delete().withVersion(stat.getVersion()).forPath(PATH);
            } catch (KeeperException.NoNodeException | KeeperException.BadVersionException changed) {
                LOG.debug("The stale lock changed before it was removed: {}", changed.toString());
            }
            return Optional.empty();
        }
        return Optional.of("Another Livy server (" + other.map(LockHolder::describe).orElse("unknown process")
                + ") holds the state store " + where + "; if that server is gone, ZooKeeper frees the lock within "
                + sessionTimeout.toSeconds() + "s");
    }

    /** Gives the lock back, so that another server may start on the store at once. */
    @Override
    public synchronized void close() {
        client.getConnectionStateListenable().removeListener(this);
        if (!held) {
            return;
        }
        held = false;
        try {
            client.delete().forPath(PATH);
        } catch (Exception e) {
            LOG.warn("Cannot remove the state store's lock (ZooKeeper removes it when the session ends): {}",
                    e.toString());
        }
    }
}
