package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.driver.ConnectedDriver;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.LogBuffer;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver of the warm pool: launched with the server's defaults under a pool identity (a negative number, never a
 * session id) and its own secret, ready once it reports so, and then taken by at most one session, which gets its
 * process, connection and log. Until then what the driver pushes stays here; once taken it goes to the session.
 * A driver that fails, disconnects or exits before it is taken is reported lost, once. Thread-safe.
 */
final class PooledDriver implements DriverChannelServer.PendingDriver {
    private static final Logger LOG = LoggerFactory.getLogger(PooledDriver.class);

    /** Told once when the driver can no longer be handed out: {@code wasReady} says whether it had started. */
    interface LossListener {
        void lost(PooledDriver driver, boolean wasReady);
    }

    private enum Stage { LAUNCHING, READY, TAKEN, LOST }

    private final int poolId;
    private final SessionKind kind;
    private final String secret;
    private final LogBuffer log;
    private final LossListener lossListener;
    private Stage stage = Stage.LAUNCHING;
    private ChildProcess process;
    private ConnectedDriver connection;
    private ConnectedDriver.Listener owner;

    PooledDriver(int poolId, SessionKind kind, String secret, LogBuffer log, LossListener lossListener) {
        this.poolId = poolId;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.secret = Objects.requireNonNull(secret, "secret");
        this.log = Objects.requireNonNull(log, "log");
        this.lossListener = Objects.requireNonNull(lossListener, "lossListener");
    }

    int poolId() {
        return poolId;
    }

    SessionKind kind() {
        return kind;
    }

    LogBuffer log() {
        return log;
    }

    @Override
    public String secret() {
        return secret;
    }

    synchronized boolean isStarting() {
        return stage == Stage.LAUNCHING;
    }

    synchronized void started(ChildProcess started) {
        process = started;
    }

    @Override
    public synchronized Optional<ConnectedDriver.Listener> attach(ConnectedDriver connecting) {
        if (stage != Stage.LAUNCHING || connection != null) {
            return Optional.empty();
        }
        connection = connecting;
        return Optional.of(new Forwarding());
    }

    /** Hands the driver to a session, once, if it is ready and its process runs; the session must then bind it. */
    synchronized Optional<Taken> take() {
        if (stage != Stage.READY || process == null || !process.isAlive()) {
            return Optional.empty();
        }
        stage = Stage.TAKEN;
        return Optional.of(new Taken(process, connection));
    }

    /** What a session takes over: the driver's process and its connection. */
    record Taken(ChildProcess process, ConnectedDriver connection) {
    }

    /** From now on what the driver pushes goes to {@code listener}, the session's. */
    synchronized void listenWith(ConnectedDriver.Listener listener) {
        owner = Objects.requireNonNull(listener, "listener");
    }

    /** The process exited; before the driver was taken, it is lost. */
    void exited(int exitCode) {
        log.appendStderr("livy: pooled driver exited with code " + exitCode);
        lose();
    }

    /** The server stops, or the driver is lost: asks it to stop and terminates it; false when a session has it. */
    boolean stop() {
        ConnectedDriver connected;
        ChildProcess running;
        synchronized (this) {
            if (stage == Stage.TAKEN) {
                return false;
            }
            connected = connection;
            running = process;
        }
        if (connected != null) {
            connected.send(new DriverMessage.Shutdown());
            connected.close();
        }
        if (running != null) {
            running.terminateTree();
        }
        return true;
    }

    /** SIGKILL to what is left, unless a session has it. */
    synchronized void kill() {
        if (stage != Stage.TAKEN && process != null) {
            process.killTree();
        }
    }

    synchronized boolean hasExited() {
        return process == null || !process.isAlive();
    }

    private void lose() {
        boolean wasReady;
        synchronized (this) {
            if (stage == Stage.TAKEN || stage == Stage.LOST) {
                return;
            }
            wasReady = stage == Stage.READY;
            stage = Stage.LOST;
        }
        lossListener.lost(this, wasReady);
    }

    private synchronized ConnectedDriver.Listener owner() {
        return owner;
    }

    /** The connection's listener: the pool's until a session binds the driver, then the session's. */
    private final class Forwarding implements ConnectedDriver.Listener {
        @Override
        public void onMessage(DriverMessage.FromDriver message) {
            ConnectedDriver.Listener session = owner();
            if (session != null) {
                session.onMessage(message);
                return;
            }
            if (message instanceof DriverMessage.DriverReady ready) {
                synchronized (PooledDriver.this) {
                    if (stage == Stage.LAUNCHING) {
                        stage = Stage.READY;
                    }
                }
                LOG.info("Pooled driver {} ready ({})", -poolId, ready.appId());
                return;
            }
            if (message instanceof DriverMessage.DriverFailed failed) {
                log.appendStderr("livy: pooled driver failed: " + failed.reason());
                lose();
            }
        }

        @Override
        public void onDisconnect(String reason) {
            ConnectedDriver.Listener session = owner();
            if (session != null) {
                session.onDisconnect(reason);
                return;
            }
            log.appendStderr("livy: " + reason);
            lose();
        }
    }
}
