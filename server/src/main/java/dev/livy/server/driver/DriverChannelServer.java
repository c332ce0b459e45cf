package dev.livy.server.driver;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one port every driver connects back to. A connecting driver names its session and proves it knows the
 * session's secret (and checks that the server knows it too) before any statement flows; a connection that fails
 * the handshake is closed and logged without its secret. No peer gets a thread of its own: until it has proved
 * itself it costs no more than a few kilobytes of memory (see {@link HandshakeLoop}), and afterwards one thread
 * reads and writes every driver (see {@link ConnectionLoop}). Thread-safe.
 */
public final class DriverChannelServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverChannelServer.class);

    /** A session waiting for its driver. */
    public interface PendingDriver {
        String secret();

        /**
         * Hands over the authenticated connection; returns the listener for its messages, or empty when the
         * session no longer wants a driver (it stopped, or already has one).
         */
        Optional<ConnectedDriver.Listener> attach(ConnectedDriver connection);
    }

    /** Finds the session a connecting driver claims to be. */
    public interface Sessions {
        Optional<PendingDriver> pendingDriver(int sessionId);
    }

    /** Handshakes in flight at once; each costs a few kilobytes, and a driver's handshake takes milliseconds. */
    static final int DEFAULT_MAX_HANDSHAKES = 64;

    private final Duration handshakeTimeout;
    private final int maxHandshakes;
    private final ServerSocketChannel serverChannel;
    private final Selector selector;
    private volatile HandshakeLoop loop;
    private volatile Thread thread;
    private volatile ConnectionLoop connections;
    private volatile Thread connectionsThread;

    /**
     * Binds the port at once, so that launchers can be told it before {@link #start}.
     *
     * @throws IllegalStateException naming address and port when the port is in use
     */
    public DriverChannelServer(String address, int port, Duration handshakeTimeout) throws IOException {
        this(address, port, handshakeTimeout, DEFAULT_MAX_HANDSHAKES);
    }

    DriverChannelServer(String address, int port, Duration handshakeTimeout, int maxHandshakes) throws IOException {
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.maxHandshakes = maxHandshakes;
        this.serverChannel = ServerSocketChannel.open();
        try {
            serverChannel.bind(new InetSocketAddress(InetAddress.getByName(address), port), 128);
        } catch (BindException e) {
            serverChannel.close();
            throw new IllegalStateException("Cannot listen for drivers on " + address + ":" + port
                    + " (livy.rsc.launcher.address, livy.rsc.launcher.port): " + e.getMessage(), e);
        }
        this.selector = Selector.open();
    }

    public void start(Sessions sessions) throws IOException {
        ConnectionLoop connected = new ConnectionLoop();
        HandshakeLoop started = new HandshakeLoop(serverChannel, selector, sessions, connected, handshakeTimeout,
                maxHandshakes);
        connections = connected;
        connectionsThread = daemon(connected, "driver-connections");
        loop = started;
        thread = daemon(started, "driver-channel");
        LOG.info("Driver channel listening on {}", serverChannel.getLocalAddress());
    }

    public int port() {
        return serverChannel.socket().getLocalPort();
    }

    private static Thread daemon(Runnable loop, String name) {
        Thread runner = new Thread(loop, name);
        runner.setDaemon(true);
        runner.start();
        return runner;
    }

    /**
     * Stops accepting drivers and ends the handshakes in flight, then the connections' loop: connections still open
     * (sessions close theirs first) are closed and their sessions told.
     */
    @Override
    public void close() throws IOException {
        serverChannel.close();
        HandshakeLoop running = loop;
        if (running == null) {
            selector.close();
            return;
        }
        running.stop();
        connections.stop();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
            connectionsThread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
