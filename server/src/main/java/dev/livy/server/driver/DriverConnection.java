package dev.livy.server.driver;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.InvalidFrameException;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection to a driver, read and written without blocking by the server's one
 * {@link ConnectionLoop}. {@link #send} only encodes and queues, so a caller (a Jetty thread) never waits on the
 * driver; incoming messages reach the listener in order through the connection's {@link SerialDispatch}. While
 * the listener is more than {@link #PAUSE_READING_AT} messages behind, the connection stops reading, so a driver
 * that floods the channel meets TCP's back-pressure instead of filling the server's memory. Thread-safe.
 */
public final class DriverConnection implements ConnectedDriver, AutoCloseable {
    static final int PAUSE_READING_AT = 64;
    private static final int RESUME_READING_AT = 8;
    /** Frames read per readiness, so that one busy driver cannot starve the others on the loop. */
    private static final int FRAMES_PER_TURN = 16;
    private static final Logger LOG = LoggerFactory.getLogger(DriverConnection.class);

    private final int sessionId;
    private final SocketChannel channel;
    private final ConnectionLoop loop;
    private final SerialDispatch dispatch;
    private final FrameReader frames = new FrameReader(FrameCodec.MAX_FRAME_BYTES);
    private final Queue<ByteBuffer> outbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean disconnected = new AtomicBoolean();
    /** Set when the server ends the connection: messages read but not yet handled are dropped. */
    private volatile boolean stopDelivering;
    private volatile ConnectedDriver.Listener listener;
    /** Confined to the loop's thread. */
    private SelectionKey key;
    private volatile boolean readingPaused;

    DriverConnection(int sessionId, SocketChannel channel, ConnectionLoop loop) {
        this.sessionId = sessionId;
        this.channel = channel;
        this.loop = loop;
        this.dispatch = loop.newDispatch();
    }

    /** Starts reading; messages go to the listener from now on. */
    void start(ConnectedDriver.Listener listener) {
        this.listener = listener;
        loop.register(this);
    }

    @Override
    public void send(DriverMessage.ToDriver message) {
        if (closed.get()) {
            return;
        }
        ByteBuffer frame;
        try {
            frame = FrameCodec.encode(message);
        } catch (IOException e) {
            LOG.error("Session {}: cannot encode a {} for the driver", sessionId, message.getClass().getSimpleName(),
                    e);
            stopDelivering = true;
            end("the server could not encode a message for the driver: " + e.getMessage());
            return;
        }
        outbox.add(frame);
        loop.update(this);
    }

    @Override
    public void close() {
        stopDelivering = true;
        end("connection closed by the server");
    }

    SocketChannel channel() {
        return channel;
    }

    // ---- on the loop's thread ----

    void registered(SelectionKey registration) {
        this.key = registration;
        if (closed.get()) {
            registration.cancel();
        }
    }

    int interestOps() {
        return (readingPaused ? 0 : SelectionKey.OP_READ) | (outbox.isEmpty() ? 0 : SelectionKey.OP_WRITE);
    }

    void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        if (readingPaused && dispatch.pending() <= RESUME_READING_AT) {
            readingPaused = false;
        }
        key.interestOps(interestOps());
    }

    void onReadable() {
        try {
            for (int frame = 0; frame < FRAMES_PER_TURN && !readingPaused; frame++) {
                Optional<DriverMessage> message = frames.read(channel);
                if (message.isEmpty()) {
                    break;
                }
                deliver(message.get());
                readingPaused = dispatch.pending() >= PAUSE_READING_AT;
            }
        } catch (EOFException e) {
            lost(closed.get() ? "connection closed by the server" : "driver closed the connection");
            return;
        } catch (InvalidFrameException e) {
            lost("the driver sent an invalid message: " + e.getMessage());
            return;
        } catch (IOException e) {
            lost(closed.get() ? "connection closed by the server" : "driver connection lost: " + e);
            return;
        }
        updateInterest();
    }

    void onWritable() {
        try {
            ByteBuffer next;
            while ((next = outbox.peek()) != null) {
                channel.write(next);
                if (next.hasRemaining()) {
                    return;
                }
                outbox.poll();
            }
            updateInterest();
        } catch (IOException e) {
            LOG.debug("Session {}: write to driver failed", sessionId, e);
            lost(closed.get() ? "connection closed by the server" : "driver connection lost: " + e);
        }
    }

    /**
     * The connection ended on the loop's side (the peer, the network): what was read before is still handled,
     * then the listener hears the reason.
     */
    void lost(String reason) {
        end(reason);
    }

    // ---- any thread ----

    private void deliver(DriverMessage message) {
        if (!(message instanceof DriverMessage.FromDriver fromDriver)) {
            LOG.warn("Session {}: unexpected message from driver: {}", sessionId, message.getClass().getSimpleName());
            return;
        }
        dispatch.submit(() -> {
            if (stopDelivering) {
                return;
            }
            try {
                listener.onMessage(fromDriver);
            } catch (RuntimeException | Error e) {
                // Whatever the server fails on while handling (even OutOfMemoryError) is not the driver's fault.
                String reason = "the server failed handling a driver message (" + message.getClass().getSimpleName()
                        + "): " + e;
                LOG.error("Session {}: {}", sessionId, reason, e);
                stopDelivering = true;
                end(reason);
            }
            if (readingPaused && dispatch.pending() <= RESUME_READING_AT + 1) {
                loop.update(this);
            }
        });
    }

    /** Closes the socket once, and tells the listener once, after every message read before. */
    private void end(String reason) {
        if (closed.compareAndSet(false, true)) {
            closeSocket();
            outbox.clear();
        }
        dispatch.submit(() -> {
            if (disconnected.compareAndSet(false, true)) {
                listener.onDisconnect(reason);
            }
        });
    }

    private void closeSocket() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("Session {}: closing the driver socket failed", sessionId, e);
        }
    }
}
