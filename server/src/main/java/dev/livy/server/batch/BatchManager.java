package dev.livy.server.batch;

import dev.livy.common.api.BatchView;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.util.NameTakenException;
import dev.livy.server.util.NamedThreads;
import dev.livy.server.util.UniqueNames;
import dev.livy.server.util.Waiting;
import dev.livy.server.validation.NewBatch;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the batches: assigns ids (from 0, never reused), starts spark-submit, kills on delete,
 * and forgets finished batches once their retention has passed. Thread-safe.
 */
public final class BatchManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchManager.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final BatchLaunching launcher;
    private final int logLinesPerStream;
    private final Duration stopGrace;
    private final Duration stateRetention;
    private final ConcurrentSkipListMap<Integer, Batch> batches = new ConcurrentSkipListMap<>();
    private final AtomicInteger nextId = new AtomicInteger();
    private final UniqueNames names = new UniqueNames();
    private final Object creationLock = new Object();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("batch-timer"));

    public BatchManager(BatchLaunching launcher, BatchSettings settings) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(settings, "settings");
        this.logLinesPerStream = settings.logLinesPerStream();
        this.stopGrace = settings.stopGrace();
        this.stateRetention = settings.stateRetention();
    }

    /**
     * Records a new batch and starts spark-submit before answering, as Livy does: writing its properties file and
     * a fork are quick, and a client's first GET then sees it {@code running} (in client mode). A start that
     * fails leaves the batch {@code dead} with the reason in its log.
     *
     * @throws NameTakenException when another batch holds the name
     */
    public Batch create(String owner, String proxyUser, NewBatch request) {
        String name = request.resources().name();
        Batch batch;
        synchronized (creationLock) {
            int id = nextId.get();
            if (name != null && !names.reserve(name, id)) {
                throw new NameTakenException("Batch", name);
            }
            nextId.incrementAndGet();
            batch = new Batch(id, name, owner, proxyUser, launcher.sparkInfo(request.resources()),
                    new LogBuffer(logLinesPerStream), this::batchEnded);
            batches.put(id, batch);
        }
        batch.launch(launcher, request);
        return batch;
    }

    public Optional<Batch> get(int id) {
        return Optional.ofNullable(batches.get(id));
    }

    public int count() {
        return batches.size();
    }

    /** A page of batches in id order. */
    public List<BatchView> list(int from, int size) {
        return batches.values().stream().skip(Math.max(0, from)).limit(Math.max(0, size)).map(Batch::view).toList();
    }

    /**
     * Forgets the batch at once and stops its process tree in the background: SIGTERM now, SIGKILL after the
     * stop grace for whatever is left. Its name is free at once.
     */
    public void delete(Batch batch) {
        forget(batch);
        timers.execute(batch::terminate);
        timers.schedule(() -> {
            batch.kill();
            launcher.cleanUp(batch.id());
        }, stopGrace.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void batchEnded(Batch batch) {
        if (!batches.containsKey(batch.id())) {
            return;
        }
        timers.schedule(() -> {
            forget(batch);
            launcher.cleanUp(batch.id());
        }, stateRetention.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forget(Batch batch) {
        if (batches.remove(batch.id(), batch)) {
            names.release(batch.name(), batch.id());
        }
    }

    /** Stops every running batch: SIGTERM, then SIGKILL after the stop grace. Blocks until done. */
    @Override
    public void close() {
        List<Batch> all = List.copyOf(batches.values());
        all.forEach(Batch::terminate);
        awaitEnd(all, stopGrace);
        all.forEach(Batch::kill);
        awaitEnd(all, CLOSE_WAIT);
        timers.shutdownNow();
        all.forEach(batch -> launcher.cleanUp(batch.id()));
        LOG.info("Stopped {} batch(es)", all.size());
    }

    private static void awaitEnd(List<Batch> all, Duration limit) {
        Waiting.until(() -> all.stream().allMatch(Batch::hasEnded), limit);
    }
}
