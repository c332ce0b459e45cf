package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.util.NamedThreads;
import dev.livy.server.util.Waiting;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warm pool: keeps {@link PoolSettings#size} drivers of each pooled kind started ahead, launched one at a time
 * from one shared thread, and hands a ready one to a session that asks for nothing of its own. Drivers that are
 * taken or lost are replaced after the refill delay; launches wait while the server's starting sessions and drivers
 * are at {@code livy.server.session.max-creation}. Pooled drivers are never recorded in the state store, and
 * {@link #close} stops every one a session has not taken. Thread-safe.
 */
final class SessionPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);
    private static final Duration KILL_AFTER_TERMINATE = Duration.ofSeconds(3);

    private final SessionLaunching launcher;
    private final PoolSettings settings;
    private final int logLinesPerStream;
    private final BooleanSupplier mayLaunch;
    private final ConcurrentHashMap<Integer, PooledDriver> drivers = new ConcurrentHashMap<>();
    private final PoolNumbers numbers;
    private final ScheduledExecutorService refills =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("session-pool"));
    private volatile boolean closed;

    /**
     * Hands out the pooled drivers' numbers (1, 2, ...; a driver's pool identity is the number negated), never one
     * twice in a state store: a driver a session took outlives its server with recovery on, and its directory
     * ({@code pool-N}) must not be shared with a driver of the next server.
     */
    interface PoolNumbers {
        int next() throws IOException;
    }

    /**
     * @param mayLaunch whether one more driver may start now ({@code max-creation})
     * @param numbers   the numbers of new pooled drivers
     */
    SessionPool(SessionLaunching launcher, PoolSettings settings, int logLinesPerStream, BooleanSupplier mayLaunch,
            PoolNumbers numbers) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.logLinesPerStream = logLinesPerStream;
        this.mayLaunch = Objects.requireNonNull(mayLaunch, "mayLaunch");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
    }

    /** Starts filling the pool. */
    void start() {
        if (!settings.enabled()) {
            return;
        }
        LOG.info("Warm pool: {} driver(s) each of {}", settings.size(), settings.kinds());
        settings.kinds().forEach(kind -> refillAfter(kind, Duration.ZERO));
    }

    /** A ready pooled driver for a session of this kind with these resources, if the pool serves it and has one. */
    Optional<Taking> take(SessionKind kind, SparkResources resources) {
        if (closed || !settings.serves(kind, resources)) {
            return Optional.empty();
        }
        for (PooledDriver driver : drivers.values()) {
            if (driver.kind() != kind) {
                continue;
            }
            Optional<PooledDriver.Taken> taken = driver.take();
            if (taken.isPresent()) {
                drivers.remove(driver.poolId(), driver);
                LOG.info("Pooled driver {} taken", -driver.poolId());
                refillAfter(kind, settings.refillDelay());
                return Optional.of(new Taking(driver, taken.get()));
            }
        }
        return Optional.empty();
    }

    /** A pooled driver a session takes: the driver (to bind it) and what the session takes over. */
    record Taking(PooledDriver driver, PooledDriver.Taken taken) {
    }

    /** The pooled driver a connecting driver names by its pool identity. */
    Optional<PooledDriver> pendingDriver(int poolId) {
        return Optional.ofNullable(drivers.get(poolId));
    }

    /** Pooled drivers still starting: they count against {@code max-creation}. */
    long starting() {
        return drivers.values().stream().filter(PooledDriver::isStarting).count();
    }

    /** Pooled drivers ready to be taken. */
    long ready(SessionKind kind) {
        return drivers.values().stream().filter(driver -> driver.kind() == kind && !driver.isStarting()).count();
    }

    private void refillAfter(SessionKind kind, Duration delay) {
        if (closed) {
            return;
        }
        try {
            refills.schedule(() -> refill(kind), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            LOG.debug("Warm pool: refill not scheduled: {}", e.toString());
        }
    }

    private void refill(SessionKind kind) {
        try {
            long held = drivers.values().stream().filter(driver -> driver.kind() == kind).count();
            if (closed || held >= settings.size()) {
                return;
            }
            if (!mayLaunch.getAsBoolean()) {
                refillAfter(kind, settings.refillDelay().plusSeconds(1));
                return;
            }
            launch(kind);
            if (held + 1 < settings.size()) {
                refillAfter(kind, Duration.ZERO);
            }
        } catch (RuntimeException e) {
            LOG.error("Warm pool: refilling {} failed", kind, e);
        }
    }

    private void launch(SessionKind kind) {
        int poolId;
        try {
            poolId = -numbers.next();
        } catch (IOException e) {
            LOG.warn("Warm pool: no number for a new {} driver (the state store): {}", kind, e.toString());
            refillAfter(kind, PoolSettings.FAILED_REFILL_DELAY);
            return;
        }
        LogBuffer log = new LogBuffer(logLinesPerStream);
        PooledDriver driver = new PooledDriver(poolId, kind, ChannelAuth.newSecret(), log, this::lost);
        drivers.put(poolId, driver);
        try {
            ChildProcess started = launcher.launch(poolId, kind, driver.secret(),
                    SparkResources.named(PoolSettings.applicationName(poolId)), log);
            driver.started(started);
            LOG.info("Pooled driver {} ({}): spark-submit started (pid {})", -poolId, kind.wireName(),
                    started.pid());
            started.onExit().thenAccept(exitCode -> {
                driver.exited(exitCode);
                launcher.cleanUp(poolId);
            });
            if (closed) {
                driver.stop();
            }
        } catch (Exception e) {
            LOG.warn("Pooled driver {}: cannot launch spark-submit: {}", -poolId, e.toString());
            lost(driver, false);
        }
    }

    private void lost(PooledDriver driver, boolean wasReady) {
        if (!drivers.remove(driver.poolId(), driver)) {
            return;
        }
        LOG.warn("Pooled driver {} lost{}; it is replaced", -driver.poolId(), wasReady ? "" : " before it was ready");
        driver.stop();
        Duration delay = settings.refillDelay();
        if (!wasReady && delay.compareTo(PoolSettings.FAILED_REFILL_DELAY) < 0) {
            delay = PoolSettings.FAILED_REFILL_DELAY;
        }
        refillAfter(driver.kind(), delay);
    }

    /** Stops every pooled driver no session took, blocking until they are gone or killed. */
    @Override
    public void close() {
        closed = true;
        refills.shutdownNow();
        try {
            refills.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<PooledDriver> left = List.copyOf(drivers.values());
        left.forEach(PooledDriver::stop);
        if (!Waiting.until(() -> left.stream().allMatch(PooledDriver::hasExited), KILL_AFTER_TERMINATE)) {
            left.forEach(PooledDriver::kill);
            Waiting.until(() -> left.stream().allMatch(PooledDriver::hasExited), Duration.ofSeconds(2));
        }
        if (!left.isEmpty()) {
            LOG.info("Stopped {} pooled driver(s)", left.size());
        }
    }
}
