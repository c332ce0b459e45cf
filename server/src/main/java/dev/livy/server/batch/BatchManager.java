package dev.livy.server.batch;

import dev.livy.common.api.BatchView;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.recovery.IdSequence;
import dev.livy.server.recovery.StateStore;
import dev.livy.server.util.NameTakenException;
import dev.livy.server.util.NamedThreads;
import dev.livy.server.util.UniqueNames;
import dev.livy.server.util.Waiting;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the batches: assigns ids (from 0, never reused, even across restarts: {@link IdSequence}), starts
 * spark-submit, kills on delete, and forgets finished batches once their retention has passed. With recovery on,
 * each batch is kept in the state store from before its creation is answered until it is forgotten, a new server
 * {@link #recover recovers} them, and {@link #close()} leaves them running for it. Thread-safe.
 */
public final class BatchManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BatchManager.class);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final BatchLaunching launcher;
    private final int logLinesPerStream;
    private final Duration stopGrace;
    private final Duration stateRetention;
    private final ConcurrentSkipListMap<Integer, Batch> batches = new ConcurrentSkipListMap<>();
    private final StateStore store;
    private final BatchRecords records;
    private volatile IdSequence ids;
    private final UniqueNames names = new UniqueNames();
    private final Object creationLock = new Object();
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("batch-timer"));

    public BatchManager(BatchLaunching launcher, BatchSettings settings) {
        this(launcher, settings, StateStore.DISABLED);
    }

    /** @throws IllegalStateException when the stored next batch id cannot be read */
    public BatchManager(BatchLaunching launcher, BatchSettings settings, StateStore store) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        Objects.requireNonNull(settings, "settings");
        this.logLinesPerStream = settings.logLinesPerStream();
        this.stopGrace = settings.stopGrace();
        this.stateRetention = settings.stateRetention();
        this.store = Objects.requireNonNull(store, "store");
        this.records = new BatchRecords(store);
        this.ids = loadIds(0);
    }

    /**
     * Brings back every batch the store holds, with its id, name, owner and state, before the server answers: a
     * batch that had not ended is followed again (its process, its exit-code file, its cluster application). Later
     * ids are above every recovered one.
     *
     * @throws IllegalStateException when the store cannot be read at all
     */
    public void recover() {
        if (!store.enabled()) {
            return;
        }
        List<StoredBatch> stored;
        try {
            stored = records.readAll();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the batches in the state store: " + e.getMessage(), e);
        }
        int highest = -1;
        for (StoredBatch entry : stored) {
            highest = Math.max(highest, entry.id());
            recover(entry);
        }
        ids = loadIds(highest + 1);
        LOG.info("Recovered {} batch(es); the next batch id is {}", stored.size(), ids.peek());
    }

    private void recover(StoredBatch entry) {
        Batch batch = new Batch(entry, new LogBuffer(logLinesPerStream), this::batchEnded, this::record);
        if (batch.name() != null) {
            names.reserve(batch.name(), batch.id());
        }
        batches.put(batch.id(), batch);
        if (batch.hasEnded()) {
            batchEnded(batch);
            return;
        }
        Path directory = entry.directory() == null ? launcher.directory(batch.id()) : Path.of(entry.directory());
        batch.reattach(launcher.cluster(), output -> launcher.reattach(directory, entry.processIdentity(), output));
    }

    private IdSequence loadIds(int atLeast) {
        try {
            return IdSequence.load(store, BatchRecords.ID_KEY, atLeast);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the next batch id in the state store: " + e.getMessage(),
                    e);
        }
    }

    /**
     * Records a new batch and starts spark-submit before answering, as Livy does: writing its properties file and
     * a fork are quick, and a client's first GET then sees it {@code running} (in client mode). A start that
     * fails leaves the batch {@code dead} with the reason in its log. With recovery on, the batch is in the store
     * before spark-submit starts.
     *
     * @throws NameTakenException when another batch holds the name
     * @throws LivyException     (503) when the batch cannot be recorded in the state store: nothing is started
     */
    public Batch create(String owner, String proxyUser, NewBatch request) {
        String name = request.resources().name();
        Batch batch;
        synchronized (creationLock) {
            int id = ids.peek();
            if (name != null && !names.reserve(name, id)) {
                throw new NameTakenException("Batch", name);
            }
            batch = new Batch(id, name, owner, proxyUser, new StoredBatch.Request(request.file(),
                    request.className(), request.args(), request.resources().conf()),
                    launcher.sparkInfo(request.resources()), new LogBuffer(logLinesPerStream), this::batchEnded,
                    this::record);
            try {
                ids.next();
                records.put(batch.stored(launcher.directory(id)));
            } catch (IOException e) {
                names.release(name, id);
                LOG.error("Batch {} cannot be recorded in the state store", id, e);
                throw new LivyException(ErrorCode.STATE_STORE_UNAVAILABLE,
                        "The batch cannot be recorded in the server's state store; nothing was started. Try again "
                                + "later or ask the server's operator.");
            }
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
        synchronized (records) {
            if (!batches.remove(batch.id(), batch)) {
                return;
            }
            try {
                records.delete(batch.id());
            } catch (IOException e) {
                LOG.warn("Batch {}: cannot remove it from the state store: {}", batch.id(), e.toString());
            }
        }
        names.release(batch.name(), batch.id());
    }

    /** Stores the batch's latest state, unless it is forgotten already. */
    private void record(Batch batch) {
        if (!store.enabled()) {
            return;
        }
        synchronized (records) {
            if (batches.get(batch.id()) != batch) {
                return;
            }
            try {
                records.put(batch.stored(launcher.directory(batch.id())));
            } catch (IOException e) {
                LOG.warn("Batch {}: cannot record its {} state in the state store: {}", batch.id(), batch.state(),
                        e.toString());
            }
        }
    }

    /**
     * With recovery off, stops every batch as {@link #close(boolean) close(true)} does; with recovery on, leaves them
     * running for the next server.
     */
    @Override
    public void close() {
        close(!store.enabled());
    }

    /**
     * @param stopBatches true: stops every running batch (SIGTERM, then SIGKILL after the stop grace) and blocks
     *                    until done; false: leaves them running, their state kept in the store for the next server
     */
    public void close(boolean stopBatches) {
        if (!stopBatches) {
            timers.shutdownNow();
            long running = batches.values().stream().filter(batch -> !batch.hasEnded()).count();
            LOG.info("Leaving {} running batch(es) for the next server (bin/livy-server stop --all stops them)",
                    running);
            return;
        }
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
