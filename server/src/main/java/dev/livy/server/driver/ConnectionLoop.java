package dev.livy.server.driver;

import dev.livy.server.util.NamedThreads;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes every authenticated driver connection on one thread with one selector, so that a connected
 * driver costs the server no thread of its own. What a driver sends is handed to its session on a shared pool
 * ({@link SerialDispatch}: in order, one message at a time per connection), whose threads exist only while
 * messages are being handled: a slow session never stalls the other drivers' reading. Connections ask for their
 * interest to be updated from any thread ({@link #update}); the change is made on the loop's thread.
 */
final class ConnectionLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionLoop.class);
    private static final long IDLE_HANDLER_THREAD_SECONDS = 30;

    private final Selector selector;
    private final Queue<DriverConnection> registrations = new ConcurrentLinkedQueue<>();
    private final Queue<DriverConnection> updates = new ConcurrentLinkedQueue<>();
    private final ExecutorService handlers = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            IDLE_HANDLER_THREAD_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
            NamedThreads.daemon("driver-messages"));
    private volatile boolean stopped;

    ConnectionLoop() throws IOException {
        this.selector = Selector.open();
    }

    /** A new serial queue for one connection's messages, on the shared handler pool. */
    SerialDispatch newDispatch() {
        return new SerialDispatch(handlers);
    }

    /** Starts reading the connection (and writing what it queued) on the loop's thread. */
    void register(DriverConnection connection) {
        registrations.add(connection);
        selector.wakeup();
    }

    /** The connection has something to write, or its reading is to pause or resume. */
    void update(DriverConnection connection) {
        updates.add(connection);
        selector.wakeup();
    }

    /** Ends the loop; connections still open are closed, their sessions told so. */
    void stop() {
        stopped = true;
        selector.wakeup();
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                selector.select();
                registerNew();
                applyUpdates();
                handleReady();
            }
        } catch (Throwable e) {
            if (!stopped) {
                LOG.error("The driver connections' loop failed; drivers are disconnected", e);
            }
        } finally {
            closeAll();
        }
    }

    private void registerNew() {
        DriverConnection connection;
        while ((connection = registrations.poll()) != null) {
            try {
                SelectionKey key = connection.channel().register(selector, connection.interestOps(), connection);
                connection.registered(key);
            } catch (ClosedChannelException e) {
                connection.lost("connection closed by the server");
            }
        }
    }

    private void applyUpdates() {
        DriverConnection connection;
        while ((connection = updates.poll()) != null) {
            connection.updateInterest();
        }
    }

    private void handleReady() {
        Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
        while (ready.hasNext()) {
            SelectionKey key = ready.next();
            ready.remove();
            DriverConnection connection = (DriverConnection) key.attachment();
            if (key.isValid() && key.isWritable()) {
                connection.onWritable();
            }
            if (key.isValid() && key.isReadable()) {
                connection.onReadable();
            }
        }
    }

    private void closeAll() {
        for (SelectionKey key : selector.keys()) {
            ((DriverConnection) key.attachment()).close();
        }
        DriverConnection waiting;
        while ((waiting = registrations.poll()) != null) {
            waiting.close();
        }
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("Closing the driver connections' selector failed", e);
        }
        handlers.shutdown();
    }
}
