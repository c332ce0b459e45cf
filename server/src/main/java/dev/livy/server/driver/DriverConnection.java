package dev.livy.server.driver;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.common.protocol.InvalidFrameException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One authenticated connection to a driver over its socket. {@link #send} only enqueues, so a caller (a Jetty
 * thread) never waits on the driver; a writer thread drains the queue and a reader thread pushes every incoming
 * message to the listener. Thread-safe.
 */
public final class DriverConnection implements ConnectedDriver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverConnection.class);
    private static final DriverMessage POISON = new DriverMessage.Welcome();

    private final int sessionId;
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final BlockingQueue<DriverMessage> outbox = new LinkedBlockingQueue<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile ConnectedDriver.Listener listener;

    DriverConnection(int sessionId, Socket socket, DataInputStream in, DataOutputStream out) {
        this.sessionId = sessionId;
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** Starts the reader and writer threads; messages go to the listener from now on. */
    void start(ConnectedDriver.Listener listener) {
        this.listener = listener;
        Thread reader = new Thread(this::readLoop, "driver-" + sessionId + "-reader");
        Thread writer = new Thread(this::writeLoop, "driver-" + sessionId + "-writer");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    @Override
    public void send(DriverMessage.ToDriver message) {
        if (!closed.get()) {
            outbox.add(message);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            outbox.add(POISON);
            closeSocket();
        }
    }

    private void readLoop() {
        String reason;
        try {
            reason = deliverUntilEnd();
        } catch (HandlingFailed e) {
            reason = e.getMessage();
            LOG.error("Session {}: {}", sessionId, reason, e.getCause());
        } catch (Throwable e) {
            // Whatever the server fails on while reading (even OutOfMemoryError) is not the driver's fault.
            reason = "the server failed reading a driver message: " + e;
            LOG.error("Session {}: {}", sessionId, reason, e);
        }
        close();
        listener.onDisconnect(reason);
    }

    /** Reads and delivers messages; returns why the connection ended when the driver or the socket ended it. */
    private String deliverUntilEnd() throws HandlingFailed {
        while (true) {
            DriverMessage message;
            try {
                message = FrameCodec.read(in);
            } catch (EOFException e) {
                return closed.get() ? "connection closed by the server" : "driver closed the connection";
            } catch (InvalidFrameException e) {
                return "the driver sent an invalid message: " + e.getMessage();
            } catch (IOException e) {
                return closed.get() ? "connection closed by the server" : "driver connection lost: " + e;
            }
            if (!(message instanceof DriverMessage.FromDriver fromDriver)) {
                LOG.warn("Session {}: unexpected message from driver: {}", sessionId,
                        message.getClass().getSimpleName());
                continue;
            }
            try {
                listener.onMessage(fromDriver);
            } catch (RuntimeException | Error e) {
                throw new HandlingFailed(message, e);
            }
        }
    }

    /** The listener failed on a message the driver sent whole: the server's failure, not the driver's. */
    private static final class HandlingFailed extends Exception {
        private static final long serialVersionUID = 1L;

        HandlingFailed(DriverMessage message, Throwable cause) {
            super("the server failed handling a driver message (" + message.getClass().getSimpleName() + "): "
                    + cause, cause);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                DriverMessage message = outbox.take();
                if (message == POISON) {
                    return;
                }
                FrameCodec.write(out, message);
            }
        } catch (IOException e) {
            LOG.debug("Session {}: write to driver failed", sessionId, e);
            close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("Session {}: closing the driver socket failed", sessionId, e);
        }
    }
}
