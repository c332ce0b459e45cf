package dev.livy.server.driver;

import java.io.IOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts driver connections and runs every handshake on one thread without blocking, so unauthenticated peers
 * cost no thread and at most a few kilobytes each: at most {@code maxHandshakes} are in flight (more connections
 * are closed at once), and each has {@code timeout} from its accept to finish. An authenticated connection is
 * handed to its session as a {@link DriverConnection}, read and written from then on by the {@link
 * ConnectionLoop}. Runs on one thread;
 * {@link #stop} may be called from any thread.
 */
final class HandshakeLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(HandshakeLoop.class);
    private static final int FAILURES_LOGGED_PER_MINUTE = 20;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final DriverChannelServer.Sessions sessions;
    private final ConnectionLoop connections;
    private final long timeoutNanos;
    private final int maxHandshakes;
    private final List<Handshake> authenticated = new ArrayList<>();
    private final LogBudget failureLog = new LogBudget(FAILURES_LOGGED_PER_MINUTE, Duration.ofMinutes(1),
            System.nanoTime());
    private boolean refusing;

    HandshakeLoop(ServerSocketChannel server, Selector selector, DriverChannelServer.Sessions sessions,
            ConnectionLoop connections, Duration timeout, int maxHandshakes) throws IOException {
        this.server = Objects.requireNonNull(server, "server");
        this.selector = Objects.requireNonNull(selector, "selector");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.connections = Objects.requireNonNull(connections, "connections");
        this.timeoutNanos = timeout.toNanos();
        this.maxHandshakes = maxHandshakes;
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Ends the loop; it closes the handshakes still in flight. The caller closes the server channel. */
    void stop() {
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (server.isOpen()) {
                selector.select(millisToNextDeadline());
                handleReady();
                expireOverdue();
                handOverAuthenticated();
                reportUnloggedFailures();
            }
        } catch (Throwable e) {
            if (server.isOpen()) {
                LOG.error("The driver channel stopped accepting drivers", e);
            }
        } finally {
            closeAll();
        }
    }

    private void handleReady() {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            if (!key.isValid()) {
                continue;
            }
            if (key.channel() == server) {
                acceptAll();
                continue;
            }
            Handshake handshake = (Handshake) key.attachment();
            try {
                if (key.isWritable()) {
                    handshake.onWritable();
                } else if (key.isReadable()) {
                    handshake.onReadable();
                }
                afterStep(key, handshake);
            } catch (IOException | RuntimeException e) {
                refuse(key, handshake, e);
            }
        }
    }

    private void afterStep(SelectionKey key, Handshake handshake) {
        if (handshake.isAuthenticated()) {
            key.cancel();
            authenticated.add(handshake);
            return;
        }
        key.interestOps(handshake.wantsToWrite() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
    }

    private void acceptAll() {
        while (true) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("Accepting a driver connection failed: {}", e.toString());
                }
                return;
            }
            if (channel == null) {
                return;
            }
            admit(channel);
        }
    }

    private void admit(SocketChannel channel) {
        if (inFlight() >= maxHandshakes) {
            if (!refusing && failureLog.tryLog(System.nanoTime())) {
                LOG.warn("Refusing driver connections while {} handshakes are in flight", maxHandshakes);
            }
            refusing = true;
            closeQuietly(channel);
            return;
        }
        refusing = false;
        try {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.register(selector, SelectionKey.OP_READ,
                    new Handshake(channel, sessions, System.nanoTime() + timeoutNanos));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot start a driver handshake: {}", e.toString());
            closeQuietly(channel);
        }
    }

    private int inFlight() {
        return selector.keys().size() - 1;
    }

    private long millisToNextDeadline() {
        long next = Long.MAX_VALUE;
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Handshake handshake) {
                next = Math.min(next, handshake.deadlineNanos());
            }
        }
        if (next == Long.MAX_VALUE) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(next - System.nanoTime()) + 1);
    }

    private void expireOverdue() {
        long now = System.nanoTime();
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.attachment() instanceof Handshake handshake && key.isValid()
                    && now - handshake.deadlineNanos() >= 0) {
                refuse(key, handshake, new IOException("the peer did not finish it within "
                        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms"));
            }
        }
    }

    private void handOverAuthenticated() throws IOException {
        while (!authenticated.isEmpty()) {
            List<Handshake> batch = List.copyOf(authenticated);
            authenticated.clear();
            // A channel leaves the selector only once a selection has flushed its key.
            selector.selectNow();
            batch.forEach(this::handOver);
            handleReady();
        }
    }

    private void handOver(Handshake handshake) {
        SocketChannel channel = handshake.channel();
        String peer = peer(channel);
        int sessionId = handshake.sessionId();
        try {
            DriverConnection connection = new DriverConnection(sessionId, channel, connections);
            Optional<ConnectedDriver.Listener> listener = handshake.pending().attach(connection);
            if (listener.isEmpty()) {
                LOG.warn("Session {} refused its driver connection from {}", sessionId, peer);
                closeQuietly(channel);
                return;
            }
            connection.start(listener.get());
            LOG.info("Session {}: driver connected from {}", sessionId, peer);
        } catch (RuntimeException e) {
            LOG.warn("Session {}: cannot take over the driver connection from {}: {}", sessionId, peer, e.toString());
            closeQuietly(channel);
        }
    }

    private void refuse(SelectionKey key, Handshake handshake, Exception reason) {
        String why = reason instanceof IOException ? reason.getMessage() : reason.toString();
        if (failureLog.tryLog(System.nanoTime())) {
            LOG.warn("Driver handshake with {} failed: {}", peer(handshake.channel()), why);
        } else {
            LOG.debug("Driver handshake with {} failed: {}", peer(handshake.channel()), why);
        }
        key.cancel();
        closeQuietly(handshake.channel());
    }

    private void reportUnloggedFailures() {
        int unlogged = failureLog.drainSuppressed(System.nanoTime());
        if (unlogged > 0) {
            LOG.warn("{} more driver connections failed or were refused in the last minute (only {} a minute are "
                    + "logged one by one)", unlogged, FAILURES_LOGGED_PER_MINUTE);
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Handshake handshake) {
                closeQuietly(handshake.channel());
            }
        }
        authenticated.forEach(handshake -> closeQuietly(handshake.channel()));
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the driver channel's selector failed", e);
        }
    }

    private static String peer(SocketChannel channel) {
        try {
            return String.valueOf(channel.getRemoteAddress());
        } catch (IOException e) {
            return "a closed connection";
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Closing a driver socket failed", e);
        }
    }
}
