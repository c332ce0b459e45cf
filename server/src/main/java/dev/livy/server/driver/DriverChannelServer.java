package dev.livy.server.driver;

import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one port every driver connects back to. A connecting driver names its session and proves it knows the
 * session's secret (and checks that the server knows it too) before any statement flows; a connection that fails
 * the handshake is closed and logged without its secret. Thread-safe.
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
        Optional<DriverConnection.Listener> attach(DriverConnection connection);
    }

    /** Finds the session a connecting driver claims to be. */
    public interface Sessions {
        Optional<PendingDriver> pendingDriver(int sessionId);
    }

    private volatile Sessions sessions;
    private final Duration handshakeTimeout;
    private final ServerSocket serverSocket;
    private final ExecutorService handshakes;
    private final Thread acceptor;

    /**
     * Binds the port at once, so that launchers can be told it before {@link #start}.
     *
     * @throws IllegalStateException naming address and port when the port is in use
     */
    public DriverChannelServer(String address, int port, Duration handshakeTimeout) throws IOException {
        this.handshakeTimeout = Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        this.serverSocket = new ServerSocket();
        try {
            serverSocket.bind(new InetSocketAddress(InetAddress.getByName(address), port), 128);
        } catch (BindException e) {
            serverSocket.close();
            throw new IllegalStateException("Cannot listen for drivers on " + address + ":" + port
                    + " (livy.rsc.launcher.address, livy.rsc.launcher.port): " + e.getMessage(), e);
        }
        AtomicInteger handshakeThreads = new AtomicInteger();
        this.handshakes = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "driver-handshake-" + handshakeThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::acceptLoop, "driver-channel-acceptor");
        acceptor.setDaemon(true);
    }

    public void start(Sessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        acceptor.start();
        LOG.info("Driver channel listening on {}", serverSocket.getLocalSocketAddress());
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        serverSocket.close();
        handshakes.shutdownNow();
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                handshakes.execute(() -> handshake(socket));
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.warn("Accepting a driver connection failed", e);
                }
            } catch (RuntimeException e) {
                LOG.warn("Cannot handle a driver connection", e);
            }
        }
    }

    private void handshake(Socket socket) {
        String peer = String.valueOf(socket.getRemoteSocketAddress());
        try {
            socket.setSoTimeout((int) handshakeTimeout.toMillis());
            socket.setTcpNoDelay(true);
            DriverConnection connection = authenticate(socket, peer);
            if (connection == null) {
                socket.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("Driver handshake with {} failed: {}", peer, e.toString());
            closeQuietly(socket);
        }
    }

    /** Returns the started connection, or null when the peer is not a driver we launched. */
    private DriverConnection authenticate(Socket socket, String peer) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        if (!(FrameCodec.read(in) instanceof DriverMessage.Hello hello)) {
            LOG.warn("Driver connection from {} did not start with hello", peer);
            return null;
        }
        int sessionId = hello.sessionId();
        Optional<PendingDriver> pending = sessions.pendingDriver(sessionId);
        if (pending.isEmpty()) {
            LOG.warn("Driver connection from {} names session {}, which awaits no driver", peer, sessionId);
            return null;
        }
        String secret = pending.get().secret();
        String serverNonce = ChannelAuth.newNonce();
        FrameCodec.write(out, new DriverMessage.Challenge(
                ChannelAuth.proof(secret, ChannelAuth.SERVER_ROLE, hello.driverNonce()), serverNonce));
        if (!(FrameCodec.read(in) instanceof DriverMessage.Proof proof)
                || !ChannelAuth.verify(secret, ChannelAuth.DRIVER_ROLE, serverNonce, proof.driverProof())) {
            LOG.warn("Driver connection from {} for session {} failed authentication", peer, sessionId);
            return null;
        }
        FrameCodec.write(out, new DriverMessage.Welcome());
        socket.setSoTimeout(0);
        DriverConnection connection = new DriverConnection(sessionId, socket, in, out);
        Optional<DriverConnection.Listener> listener = pending.get().attach(connection);
        if (listener.isEmpty()) {
            LOG.warn("Session {} refused its driver connection from {}", sessionId, peer);
            return null;
        }
        connection.start(listener.get());
        LOG.info("Session {}: driver connected from {}", sessionId, peer);
        return connection;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Closing a driver socket failed", e);
        }
    }
}
