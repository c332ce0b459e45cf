package dev.livy.repl;

import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's end of the driver channel: connects to the server, runs the mutual challenge-response, then carries
 * messages both ways. With a reconnect timeout ({@link dev.livy.common.protocol.DriverSettings}), a connection that
 * ends without {@link #close} is made again to the same address, with the same handshake, for up to that long
 * (while the server restarts); what is sent meanwhile is dropped, and the server asks for it after the reconnect.
 * {@link #send} is synchronised so any thread may push events.
 */
final class ServerChannel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerChannel.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;
    private static final long REFUSED_RETRY_MILLIS = 30_000;
    private static final long FIRST_RETRY_PAUSE_MILLIS = 100;
    private static final long MAX_RETRY_PAUSE_MILLIS = 2_000;

    private volatile DriverLaunchConfig config;
    private volatile Connection connection;
    private volatile boolean closed;
    private volatile Runnable onReconnect = () -> { };

    /** One authenticated connection to the server. */
    private record Connection(Socket socket, DataInputStream in, DataOutputStream out) {
    }

    private ServerChannel(DriverLaunchConfig config, Connection connection) {
        this.config = config;
        this.connection = connection;
    }

    /**
     * A pooled driver was taken by a session: a reconnect now names that session. A pooled driver never bound does
     * not reconnect: the server that started it is the only one that knows its pool identity.
     */
    void bindTo(int sessionId) {
        config = config.withSessionId(sessionId);
    }

    /** What to do once connected again after the server went away: tell it the driver is ready. */
    void onReconnect(Runnable action) {
        onReconnect = Objects.requireNonNull(action, "action");
    }

    /**
     * Connects and authenticates; fails if the server cannot prove it knows the session secret. A server busy with
     * other handshakes closes new connections before its challenge, and one that waited longer than its handshake
     * deadline for this driver's proof (a driver slowed by a loaded machine) closes it after: those attempts are
     * repeated for a while.
     */
    static ServerChannel connect(DriverLaunchConfig config) throws IOException {
        return new ServerChannel(config, connectRetryingCutHandshakes(config));
    }

    private static Connection connectRetryingCutHandshakes(DriverLaunchConfig config) throws IOException {
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REFUSED_RETRY_MILLIS);
        long pauseMillis = FIRST_RETRY_PAUSE_MILLIS;
        while (true) {
            try {
                return connectOnce(config);
            } catch (HandshakeCut cut) {
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) - giveUp > 0) {
                    throw new IOException("The server at " + config.serverHost() + ":" + config.serverPort()
                            + " kept closing the connection during the handshake", cut.getCause());
                }
                sleep(pauseMillis);
                pauseMillis = Math.min(2 * pauseMillis, MAX_RETRY_PAUSE_MILLIS);
            }
        }
    }

    private static Connection connectOnce(DriverLaunchConfig config) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(config.serverHost(), config.serverPort()), CONNECT_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        // Until the server has proved it knows the secret, it gets small frames and a bounded wait.
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        try {
            authenticate(config, in, out);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.setSoTimeout(0);
        return new Connection(socket, in, out);
    }

    /** Sends the hello; the server's answer if it is a challenge, else null. */
    private static DriverMessage.Challenge challenge(DataInputStream in, DataOutputStream out, DriverMessage hello)
            throws IOException {
        DriverMessage answer;
        try {
            FrameCodec.write(out, hello);
            answer = FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME_BYTES);
        } catch (EOFException | SocketException e) {
            throw new HandshakeCut(e);
        }
        return answer instanceof DriverMessage.Challenge challenge ? challenge : null;
    }

    private static void sleep(long millis) throws IOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to connect to the server again");
        }
    }

    /**
     * The server closed the connection in the middle of the handshake: before answering the hello (busy, or
     * restarting), or after its challenge (its deadline for this handshake passed).
     */
    private static final class HandshakeCut extends IOException {
        private static final long serialVersionUID = 1L;

        HandshakeCut(IOException cause) {
            super(cause);
        }
    }

    private static void authenticate(DriverLaunchConfig config, DataInputStream in, DataOutputStream out)
            throws IOException {
        String driverNonce = ChannelAuth.newNonce();
        DriverMessage.Hello hello = new DriverMessage.Hello(config.sessionId(), driverNonce);
        DriverMessage.Challenge challenge = challenge(in, out, hello);
        if (challenge == null || !ChannelAuth.verify(config.secret(), ChannelAuth.SERVER_ROLE, driverNonce,
                        challenge.serverProof())) {
            throw new IOException("The server at " + config.serverHost() + ":" + config.serverPort()
                    + " failed to authenticate");
        }
        DriverMessage answer;
        try {
            FrameCodec.write(out, new DriverMessage.Proof(
                    ChannelAuth.proof(config.secret(), ChannelAuth.DRIVER_ROLE, challenge.serverNonce())));
            answer = FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME_BYTES);
        } catch (EOFException | SocketException e) {
            throw new HandshakeCut(e);
        }
        if (!(answer instanceof DriverMessage.Welcome)) {
            throw new IOException("The server refused this driver");
        }
    }

    /** Sends to the server; while it is away the message is dropped (the server asks again after a reconnect). */
    synchronized void send(DriverMessage.FromDriver message) {
        Connection current = connection;
        try {
            FrameCodec.write(current.out(), message);
        } catch (IOException e) {
            closeQuietly(current.socket());
        }
    }

    /**
     * Delivers messages until the connection ends for good: on {@link #close}, or when the server went away and,
     * with a reconnect timeout, did not come back within it.
     */
    void receive(DriverMessage.ToDriver.Handler handler) {
        while (true) {
            Connection current = connection;
            try {
                while (!current.socket().isClosed()) {
                    DriverMessage message = FrameCodec.read(current.in());
                    if (message instanceof DriverMessage.ToDriver toDriver) {
                        toDriver.accept(handler);
                    } else {
                        LOG.warn("Ignoring unexpected message {}", message.getClass().getSimpleName());
                    }
                }
            } catch (IOException e) {
                // The server closed the connection or went away.
            }
            closeQuietly(current.socket());
            if (closed || !reconnect()) {
                return;
            }
            onReconnect.run();
        }
    }

    /** Connects again, pausing longer between attempts (up to a couple of seconds); false once the time is up. */
    private boolean reconnect() {
        long timeoutMillis = config.settings().reconnectTimeoutMillis();
        if (timeoutMillis == 0 || config.sessionId() < 0) {
            return false;
        }
        LOG.warn("Lost the connection to the server; trying to reconnect to {}:{} for up to {} s",
                config.serverHost(), config.serverPort(), TimeUnit.MILLISECONDS.toSeconds(timeoutMillis));
        long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long pauseMillis = FIRST_RETRY_PAUSE_MILLIS;
        while (!closed) {
            try {
                Connection reconnected = connectOnce(config);
                synchronized (this) {
                    connection = reconnected;
                }
                LOG.info("Reconnected to the server");
                return true;
            } catch (IOException e) {
                LOG.debug("Reconnecting failed: {}", e.toString());
            }
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pauseMillis) - giveUp > 0) {
                LOG.warn("The server did not come back within {} s; the driver stops",
                        TimeUnit.MILLISECONDS.toSeconds(timeoutMillis));
                return false;
            }
            try {
                sleep(pauseMillis);
            } catch (IOException e) {
                return false;
            }
            pauseMillis = Math.min(2 * pauseMillis, MAX_RETRY_PAUSE_MILLIS);
        }
        return false;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(connection.socket());
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
