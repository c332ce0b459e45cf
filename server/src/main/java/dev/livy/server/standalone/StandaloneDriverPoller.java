package dev.livy.server.standalone;

import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;
import dev.livy.server.launch.ClusterPoller;
import dev.livy.server.util.NamedThreads;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
 * Follows every cluster-mode driver the server submitted to a standalone master from one thread for the whole
 * server: each interval one read of the master's {@code /json/} answers for all of them, and each driver's listener
 * gets a report until the driver has ended (with, for a failed driver, the exception its stderr names). Kills go
 * through the same thread. A driver costs an entry in a map, never a thread or a process. Thread-safe.
 */
public final class StandaloneDriverPoller implements ClusterPoller {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneDriverPoller.class);

    private final StandaloneMaster master;
    private final Duration interval;
    private final Duration lookupTimeout;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("standalone-poller"));
    private volatile boolean unreachable;

    /** @param lookupTimeout how long the master may not list a followed driver before it is reported failed */
    public StandaloneDriverPoller(StandaloneMaster master, Duration interval, Duration lookupTimeout) {
        this.master = Objects.requireNonNull(master, "master");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.lookupTimeout = Objects.requireNonNull(lookupTimeout, "lookupTimeout");
    }

    @Override
    public void start() {
        thread.scheduleWithFixedDelay(this::pollOnce, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Reports of the driver go to {@code listener} (on the poller's thread) until one is final. */
    public void follow(String driverId, Consumer<ApplicationReport> listener) {
        followed.put(driverId, new Followed(Objects.requireNonNull(listener, "listener"), System.nanoTime()));
    }

    /** Asks the master to kill the driver, on the poller's thread: the caller does not wait for the round trip. */
    public void kill(String driverId) {
        thread.execute(() -> {
            try {
                master.killDriver(driverId);
                LOG.info("Asked the Spark master to kill {}", driverId);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Cannot kill Spark driver {}: {}", driverId, e.getMessage());
            }
        });
    }

    /** How many drivers are followed now. */
    public int followedCount() {
        return followed.size();
    }

    /** One round: one read of the master for every followed driver; each driver's failure is its own. */
    void pollOnce() {
        if (followed.isEmpty()) {
            return;
        }
        MasterState state;
        try {
            state = master.state();
            unreachable = false;
        } catch (IOException | RuntimeException e) {
            if (!unreachable) {
                LOG.warn("Cannot read the Spark master's state: {}", e.getMessage());
            }
            unreachable = true;
            return;
        }
        for (Map.Entry<String, Followed> entry : followed.entrySet()) {
            try {
                Optional<StandaloneDriver> driver = state.driver(entry.getKey());
                if (driver.isPresent()) {
                    deliver(entry, report(driver.get(), state));
                } else if (System.nanoTime() - entry.getValue().sinceNanos() >= lookupTimeout.toNanos()) {
                    deliver(entry, new ApplicationReport(SessionState.DEAD, "the Spark master did not list the driver "
                            + entry.getKey() + " within livy.server.standalone.driver-lookup-timeout ("
                            + lookupTimeout.toSeconds() + "s)", null, null));
                }
            } catch (RuntimeException e) {
                LOG.warn("Following Spark driver {} failed", entry.getKey(), e);
            }
        }
    }

    private void deliver(Map.Entry<String, Followed> entry, ApplicationReport report) {
        if (report.state().isFinal()) {
            followed.remove(entry.getKey());
        }
        entry.getValue().listener().accept(report);
    }

    private ApplicationReport report(StandaloneDriver driver, MasterState state) {
        Optional<String> workerUi = driver.hasWorker() ? state.workerUi(driver.worker()) : Optional.empty();
        String description = "Spark driver " + driver.id() + " " + driver.state()
                + (driver.hasWorker() ? " on " + driver.worker() : "");
        if (driver.batchState() == SessionState.DEAD && workerUi.isPresent()) {
            description += reason(workerUi.get(), driver.id());
        }
        return new ApplicationReport(driver.batchState(), description, null,
                workerUi.map(address -> StandaloneMaster.driverLogUrl(address, driver.id())).orElse(null));
    }

    private String reason(String workerUi, String driverId) {
        try {
            List<String> lines = DriverFailure.reason(master.driverStderrTail(workerUi, driverId));
            return lines.isEmpty() ? "" : ": " + String.join(" / ", lines);
        } catch (IOException | RuntimeException e) {
            return " (its stderr cannot be read: " + e.getMessage() + ")";
        }
    }

    private record Followed(Consumer<ApplicationReport> listener, long sinceNanos) {
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
