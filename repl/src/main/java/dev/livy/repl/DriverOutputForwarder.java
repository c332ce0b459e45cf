package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A cluster-mode driver's own output for the session's log: whatever the driver writes to {@code System.out} and
 * {@code System.err} still goes there (the cluster's log of the driver), and each line, and each line it logs
 * through log4j ({@link DriverLogLines}), is also queued and sent to
 * the server as {@link DriverMessage.DriverOutput}, in batches from one timer thread. Bounded, so a chatty driver
 * cannot flood the server or the channel: at most {@link #MAX_LINES_PER_BATCH} lines per stream and batch, lines
 * cut at {@link #MAX_LINE_CHARS}; lines beyond {@link #MAX_QUEUED_LINES} waiting are dropped and counted.
 * Thread-safe.
 */
final class DriverOutputForwarder implements AutoCloseable {
    static final int MAX_LINE_CHARS = 2000;
    static final int MAX_LINES_PER_BATCH = 100;
    static final int MAX_QUEUED_LINES = 1000;
    private static final long INTERVAL_MILLIS = 500;

    private final Consumer<DriverMessage.FromDriver> server;
    private final OutputQueue stdout = new OutputQueue(DriverMessage.DriverOutput.STDOUT);
    private final OutputQueue stderr = new OutputQueue(DriverMessage.DriverOutput.STDERR);
    private ScheduledExecutorService timer;
    private PrintStream originalOut;
    private PrintStream originalErr;
    private Runnable detachLog = () -> { };

    DriverOutputForwarder(Consumer<DriverMessage.FromDriver> server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    /**
     * In cluster mode, tees {@code System.out} and {@code System.err} and sends their lines every half second;
     * otherwise (the driver's output already reaches the server through spark-submit) does nothing.
     */
    static DriverOutputForwarder installIf(boolean clusterMode, Consumer<DriverMessage.FromDriver> server) {
        DriverOutputForwarder forwarder = new DriverOutputForwarder(server);
        if (clusterMode) {
            forwarder.install();
        }
        return forwarder;
    }

    private synchronized void install() {
        originalOut = System.out;
        originalErr = System.err;
        System.setOut(tee(originalOut, stdout));
        System.setErr(tee(originalErr, stderr));
        detachLog = DriverLogLines.attach(stderr::offer);
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "driver-output");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::flush, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static PrintStream tee(PrintStream original, OutputQueue queue) {
        return new PrintStream(new LineTee(original, queue::offer, MAX_LINE_CHARS), true, StandardCharsets.UTF_8);
    }

    /** Writes go to the queue for a stream: {@code "stdout"} or {@code "stderr"}. */
    void offer(String stream, String line) {
        (DriverMessage.DriverOutput.STDERR.equals(stream) ? stderr : stdout).offer(line);
    }

    /** Sends what waits, at most {@link #MAX_LINES_PER_BATCH} lines of each stream. */
    void flush() {
        stdout.sendTo(server);
        stderr.sendTo(server);
    }

    /** Sends what is left and gives the process its own streams back. */
    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        detachLog.run();
        System.setOut(originalOut);
        System.setErr(originalErr);
        timer = null;
        flush();
    }

    /** The lines of one stream waiting to be sent. Thread-safe. */
    private static final class OutputQueue {
        private final String stream;
        private final List<String> waiting = new ArrayList<>();
        private int dropped;

        OutputQueue(String stream) {
            this.stream = stream;
        }

        synchronized void offer(String line) {
            if (waiting.size() >= MAX_QUEUED_LINES) {
                dropped++;
                return;
            }
            waiting.add(line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) : line);
        }

        void sendTo(Consumer<DriverMessage.FromDriver> server) {
            DriverMessage.DriverOutput batch;
            synchronized (this) {
                if (waiting.isEmpty() && dropped == 0) {
                    return;
                }
                List<String> taken = waiting.subList(0, Math.min(MAX_LINES_PER_BATCH, waiting.size()));
                batch = new DriverMessage.DriverOutput(stream, List.copyOf(taken), dropped);
                taken.clear();
                dropped = 0;
            }
            server.accept(batch);
        }
    }
}
