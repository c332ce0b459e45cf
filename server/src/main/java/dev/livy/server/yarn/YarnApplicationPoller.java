package dev.livy.server.yarn;

import dev.livy.server.launch.ClusterPoller;
import dev.livy.server.util.NamedThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * is final; kills go through the same thread. An application costs an entry in a map, never a thread.
 * Thread-safe.
 */
public final class YarnApplicationPoller implements ClusterPoller {
    private static final Logger LOG = LoggerFactory.getLogger(YarnApplicationPoller.class);

    private final ResourceManager resourceManager;
    private final Duration interval;
    private final Duration lookupTimeout;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("yarn-poller"));
    private volatile boolean unreachable;

    /**
     * @param lookupTimeout how long the ResourceManager may not know a followed application before it is reported
     *                      failed (Livy's {@code livy.server.yarn.app-lookup-timeout})
     */
    public YarnApplicationPoller(ResourceManager resourceManager, Duration interval, Duration lookupTimeout) {
        this.resourceManager = Objects.requireNonNull(resourceManager, "resourceManager");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.lookupTimeout = Objects.requireNonNull(lookupTimeout, "lookupTimeout");
    }

    @Override
    public void start() {
        thread.scheduleWithFixedDelay(this::pollOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reports of the application go to {@code listener} (on the poller's thread) until one is final. */
    public void follow(String applicationId, Consumer<YarnApplication> listener) {
        followed.put(applicationId, new Followed(Objects.requireNonNull(listener, "listener"), System.nanoTime()));
    }

    /**
     * Asks the ResourceManager to kill the application, on the poller's thread: the caller (a request thread, say)
     * does not wait for the round trip.
     */
    public void kill(String applicationId) {
        thread.execute(() -> {
            try {
                resourceManager.kill(applicationId);
                LOG.info("Asked YARN to kill {}", applicationId);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot kill YARN application {}: {}", applicationId, e.getMessage());
            }
        });
    }

    /** Fails, in words for a user, when the ResourceManager does not answer; on the caller's thread. */
    public void checkReachable() throws IOException {
        resourceManager.checkReachable();
    }

    /** How many applications are followed now. */
    public int followedCount() {
        return followed.size();
    }

    /** One round over every followed application; each application's failure is its own. */
    void pollOnce() {
        boolean failed = false;
        for (Map.Entry<String, Followed> entry : followed.entrySet()) {
            try {
                Optional<YarnApplication> report = resourceManager.application(entry.getKey());
                if (report.isPresent()) {
                    deliver(entry, report.get());
                } else if (System.nanoTime() - entry.getValue().sinceNanos() >= lookupTimeout.toNanos()) {
                    deliver(entry, unknown(entry.getKey()));
                }
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

    private void deliver(Map.Entry<String, Followed> entry, YarnApplication report) {
        if (report.hasEnded()) {
            followed.remove(entry.getKey());
        }
        entry.getValue().listener().accept(report);
    }

    private YarnApplication unknown(String applicationId) {
        return new YarnApplication(applicationId, null, null, "FAILED", "FAILED", "the ResourceManager did not know "
                + "the application within livy.server.yarn.app-lookup-timeout (" + lookupTimeout.toSeconds() + "s)",
                null, null);
    }

    private record Followed(Consumer<YarnApplication> listener, long sinceNanos) {
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
