package dev.livy.server.driver;

import dev.livy.common.protocol.DriverMessage;

/**
 * A driver that has connected and proved itself: what a session sends it and how the session lets it go. The
 * port exists so that the session's side of the protocol (what it sends, and when) is tested without sockets;
 * {@link DriverConnection} is the one adapter. Implementations are thread-safe and never block the caller.
 */
public interface ConnectedDriver {
    /** Queues a message for the driver; messages sent after {@link #close} are dropped. */
    void send(DriverMessage.ToDriver message);

    /** Ends the connection; the listener hears {@link Listener#onDisconnect} once. */
    void close();

    /** Receives what the driver pushes: in order, one message at a time, on a thread of the server's shared pool. */
    interface Listener {
        void onMessage(DriverMessage.FromDriver message);

        /**
         * The connection ended: the driver closed it or broke the protocol, the network failed, the server failed
         * reading or handling a message, or {@link #close()} was called. The reason says which, as a sentence
         * for the session's log. Called once.
         */
        void onDisconnect(String reason);
    }
}
