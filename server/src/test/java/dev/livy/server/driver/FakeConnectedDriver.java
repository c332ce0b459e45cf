package dev.livy.server.driver;

import dev.livy.common.protocol.DriverMessage;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * A driver that connects to a session without a socket: records what the session sends it, and pushes messages
 * and disconnects to the session's listener on the test's thread. Thread-safe.
 */
public final class FakeConnectedDriver implements ConnectedDriver {
    private final List<DriverMessage.ToDriver> sent = new CopyOnWriteArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Listener listener;
    private volatile Function<DriverMessage.ToDriver, Optional<DriverMessage.FromDriver>> answers =
            message -> Optional.empty();

    /** Connects to the session as an authenticated driver would; false when the session refuses it. */
    public boolean connectTo(DriverChannelServer.PendingDriver session) {
        Optional<Listener> accepted = session.attach(this);
        accepted.ifPresent(found -> listener = found);
        return accepted.isPresent();
    }

    /**
     * From now on the driver answers what the session sends before the send returns, as a fast driver may while
     * the server's thread that sent it has not gone on yet.
     */
    public void answerAtOnce(Function<DriverMessage.ToDriver, Optional<DriverMessage.FromDriver>> answering) {
        answers = answering;
    }

    /** The driver pushes a message. */
    public void deliver(DriverMessage.FromDriver message) {
        listener.onMessage(message);
    }

    /** The driver goes away without being asked. */
    public void disconnect(String reason) {
        if (closed.compareAndSet(false, true)) {
            listener.onDisconnect(reason);
        }
    }

    /** Everything the session sent, in order, up to now. */
    public List<DriverMessage.ToDriver> sent() {
        return List.copyOf(sent);
    }

    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void send(DriverMessage.ToDriver message) {
        if (!closed.get()) {
            sent.add(message);
            answers.apply(message).ifPresent(this::deliver);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && listener != null) {
            listener.onDisconnect("connection closed by the server");
        }
    }
}
