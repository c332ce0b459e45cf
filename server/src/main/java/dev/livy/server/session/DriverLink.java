package dev.livy.server.session;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.driver.ConnectedDriver;
import java.util.ArrayList;
import java.util.List;

/**
 * The session's way to its driver: nothing until a driver connects, then that one driver for good. Statements
 * sent before it connects are dropped, since a connecting driver is sent every statement still waiting; jobs and
 * added files are queued ({@link #sendOrQueue}) and sent, in order, when it connects. Thread-safe; the session
 * holds its own lock where sending must agree with connecting.
 */
final class DriverLink {
    private final List<DriverMessage.ToDriver> queued = new ArrayList<>();
    private volatile ConnectedDriver driver;

    /**
     * Takes the first driver that connects and sends it {@code first} (the waiting statements, or a recovered
     * session's resynchronisation), then what was queued; false for any other driver.
     */
    synchronized boolean connect(ConnectedDriver connecting, List<DriverMessage.ToDriver> first) {
        if (driver != null) {
            return false;
        }
        driver = connecting;
        first.forEach(connecting::send);
        queued.forEach(connecting::send);
        queued.clear();
        return true;
    }

    /** Sends to the driver, or keeps the message for the driver that connects. */
    synchronized void sendOrQueue(DriverMessage.ToDriver message) {
        ConnectedDriver connected = driver;
        if (connected == null) {
            queued.add(message);
            return;
        }
        connected.send(message);
    }

    boolean isConnected() {
        return driver != null;
    }

    /** Sends to the driver if one has connected; returns whether one had. */
    boolean send(DriverMessage.ToDriver message) {
        ConnectedDriver connected = driver;
        if (connected == null) {
            return false;
        }
        connected.send(message);
        return true;
    }

    void close() {
        ConnectedDriver connected = driver;
        if (connected != null) {
            connected.close();
        }
    }
}
