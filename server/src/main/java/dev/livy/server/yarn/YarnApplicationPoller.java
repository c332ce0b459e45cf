package dev.livy.server.yarn;

import dev.livy.server.util.NamedThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows every tracked YARN application from one thread for the whole server: each interval it asks the
 * ResourceManager for each application's report and hands it to the application's listener, until the report
 * is final. An application costs an entry in a map, never a thread. Thread-safe.
 */
public final class YarnApplicationPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(YarnApplicationPoller.class);

    private final ResourceManager resourceManager;
    private final Duration interval;
    private final Map<String, Consumer<YarnApplication>> followed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("yarn-poller"));
    private volatile boolean unreachable;

    public YarnApplicationPoller(ResourceManager resourceManager, Duration interval) {
        this.resourceManager = Objects.requireNonNull(resourceManager, "resourceManager");
        this.interval = Objects.requireNonNull(interval, "interval");
    }

    public void start() {
        thread.scheduleWithFixedDelay(this::pollOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reports of the application go to {@code listener} (on the poller's thread) until one is final. */
    public void follow(String applicationId, Consumer<YarnApplication> listener) {
        followed.put(applicationId, Objects.requireNonNull(listener, "listener"));
    }

    /** How many applications are followed now. */
    public int followedCount() {
        return followed.size();
    }

    /** One round over every followed application; each application's failure is its own. */
    void pollOnce() {
        boolean failed = false;
        for (Map.Entry<String, Consumer<YarnApplication>> entry : followed.entrySet()) {
            try {
                resourceManager.application(entry.getKey()).ifPresent(report -> deliver(entry, report));
            } catch (IOException e) {
                failed = true;
                if (!unreachable) {
                    LOG.warn("Cannot read YARN application {}: {}", entry.getKey(), e.getMessage());
                }
            } catch (RuntimeException e) {
                LOG.warn("Following YARN application {} failed", entry.getKey(), e);
            }
        }
        unreachable = failed;
    }

    private void deliver(Map.Entry<String, Consumer<YarnApplication>> entry, YarnApplication report) {
        if (report.hasEnded()) {
            followed.remove(entry.getKey());
        }
        entry.getValue().accept(report);
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
