package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.api.SessionView;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.ResourceKind;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.recovery.StateStore;
import dev.livy.server.util.NameTakenException;
import dev.livy.server.util.NamedThreads;
import dev.livy.server.util.UniqueNames;
import dev.livy.server.util.Waiting;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the interactive sessions: assigns ids (from 0, never reused), launches drivers in the background, stops
 * them, and forgets sessions that have ended once their retention has passed. Thread-safe.
 */
public final class SessionManager implements DriverChannelServer.Sessions, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionManager.class);
    private static final Duration KILL_AFTER_TERMINATE = Duration.ofSeconds(3);

    private final SessionLaunching launcher;
    private final Clock clock;
    private final SessionSettings settings;
    private final SessionObserver observer;
    private final SessionJournal journal;
    private final Duration reconnectTimeout;
    private final SessionPool pool;
    private final ConcurrentSkipListMap<Integer, InteractiveSession> sessions = new ConcurrentSkipListMap<>();
    /** The pool identity of the warm pool's driver each session took: its directory goes when the session ends. */
    private final Map<Integer, Integer> pooledDrivers = new ConcurrentHashMap<>();
    private final UniqueNames names = new UniqueNames();
    private final Object creationLock = new Object();
    private final ExecutorService launches = Executors.newCachedThreadPool(NamedThreads.daemon("session-launcher"));
    private final ScheduledExecutorService timers =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("session-timer"));

    public SessionManager(SessionLaunching launcher, Clock clock, SessionSettings settings) {
        this(launcher, clock, settings, SessionObserver.NONE);
    }

    public SessionManager(SessionLaunching launcher, Clock clock, SessionSettings settings,
            SessionObserver observer) {
        this(launcher, clock, settings, observer, StateStore.DISABLED, Duration.ZERO);
    }

    /**
     * @param store            where sessions and statements are recorded to outlive the server;
     *                         {@link StateStore#DISABLED} with recovery off
     * @param reconnectTimeout how long a recovered session waits for its driver
     *                         ({@code livy.rsc.server.reconnect-timeout})
     */
    public SessionManager(SessionLaunching launcher, Clock clock, SessionSettings settings,
            SessionObserver observer, StateStore store, Duration reconnectTimeout) {
        this(launcher, clock, settings, observer, store, reconnectTimeout, PoolSettings.DISABLED);
    }

    /** @param pool the warm pool's settings; {@link PoolSettings#DISABLED} for none */
    public SessionManager(SessionLaunching launcher, Clock clock, SessionSettings settings,
            SessionObserver observer, StateStore store, Duration reconnectTimeout, PoolSettings pool) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.journal = new SessionJournal(store);
        this.reconnectTimeout = Objects.requireNonNull(reconnectTimeout, "reconnectTimeout");
        this.pool = new SessionPool(launcher, pool, settings.logLinesPerStream(),
                () -> startingCount() < settings.maxStarting(), journal::nextPoolNumber);
    }

    /**
     * Brings back every session the state store holds, {@code recovering} until its driver reconnects, with its
     * statements; new sessions get ids above every earlier one. Call before HTTP starts.
     *
     * @throws IOException when the store cannot be read
     */
    public void recover() throws IOException {
        List<SessionJournal.Recovered> stored = journal.recover();
        for (SessionJournal.Recovered recovered : stored) {
            SessionRecovery.restore(recovered, this::recoveredSession, launcher.cluster(), reconnectTimeout,
                    timers);
        }
        if (!stored.isEmpty()) {
            LOG.info("Recovered {} session(s); new sessions start at id {}", stored.size(), journal.peekId());
        }
    }

    private InteractiveSession recoveredSession(StoredSession stored) {
        SessionLimits limits = new SessionLimits(millis(stored.heartbeatMillis()), millis(stored.ttlMillis()),
                millis(stored.idleMillis()));
        InteractiveSession session = new InteractiveSession(stored.id(), stored.name(), stored.owner(),
                stored.proxyUser(), stored.kind(), stored.resources(), launcher.sparkInfo(stored.resources()), limits,
                settings.statementRetention(), new LogBuffer(settings.logLinesPerStream()), clock,
                this::sessionEnded, observer, journal.recovered(stored), true);
        if (stored.name() != null) {
            names.reserve(stored.name(), stored.id());
        }
        if (stored.poolId() != null) {
            pooledDrivers.put(stored.id(), stored.poolId());
        }
        sessions.put(stored.id(), session);
        return session;
    }

    private static LivyException notRecorded(IOException e) {
        LOG.error("A session cannot be recorded in the state store", e);
        return new LivyException(ErrorCode.STATE_STORE_UNAVAILABLE, "The session cannot be recorded in the server's "
                + "state store; nothing was started. Try again later or ask the server's operator.");
    }

    private static Optional<Duration> millis(Long value) {
        return Optional.ofNullable(value).map(Duration::ofMillis);
    }

    private static Long millis(Optional<Duration> value) {
        return value.map(Duration::toMillis).orElse(null);
    }

    /** Starts checking sessions against their timeouts, and filling the warm pool. */
    public void start() {
        pool.start();
        long interval = settings.expiryCheckInterval().toMillis();
        timers.scheduleWithFixedDelay(this::stopExpiredSessions, interval, interval, TimeUnit.MILLISECONDS);
    }

    /**
     * Records a new session in {@code starting} and launches its driver in the background.
     *
     * @throws TooManyStartingException when {@code livy.server.session.max-creation} sessions are starting already
     * @throws NameTakenException when another session holds the name
     */
    public InteractiveSession create(String owner, String proxyUser, SessionKind kind, SparkResources resources,
            SessionLimits limits) {
        InteractiveSession session;
        Optional<SessionPool.Taking> pooled;
        synchronized (creationLock) {
            if (startingCount() >= settings.maxStarting()) {
                throw new TooManyStartingException(settings.maxStarting());
            }
            int id;
            SessionJournal.Entry entry;
            try {
                id = journal.peekId();
            } catch (IOException e) {
                throw notRecorded(e);
            }
            if (resources.name() != null && !names.reserve(resources.name(), id)) {
                throw new NameTakenException("Session", resources.name());
            }
            pooled = pool.take(kind, resources);
            SparkResources named = pooled.map(taking -> resources.withName(
                    PoolSettings.applicationName(taking.driver().poolId())))
                    .orElse(resources.name() == null ? resources.withName("livy-session-" + id) : resources);
            try {
                id = journal.nextId();
                entry = journal.create(new StoredSession(id, resources.name(), owner, proxyUser, kind, named,
                        millis(limits.heartbeatTimeout()), millis(limits.ttl()), millis(limits.idleTimeout()),
                        pooled.map(taking -> taking.driver().secret()).orElseGet(ChannelAuth::newSecret), null, null,
                        null, null, clock.millis(), pooled.map(taking -> taking.driver().poolId()).orElse(null)));
            } catch (IOException e) {
                names.release(resources.name(), id);
                pooled.ifPresent(taking -> taking.taken().process().killTree());
                throw notRecorded(e);
            }
            session = new InteractiveSession(id, resources.name(), owner, proxyUser, kind, named,
                    PooledSessions.sparkInfo(launcher.sparkInfo(resources), pooled.isPresent()), limits,
                    settings.statementRetention(), pooled.map(taking -> taking.driver().log())
                    .orElseGet(() -> new LogBuffer(settings.logLinesPerStream())), clock,
                    this::sessionEnded, observer, entry, false);
            sessions.put(id, session);
        }
        if (pooled.isPresent()) {
            pooledDrivers.put(session.id(), pooled.get().driver().poolId());
            session.takePooled(pooled.get(), launcher.cluster());
            return session;
        }
        launches.execute(() -> session.launch(launcher));
        return session;
    }

    public Optional<InteractiveSession> get(int id) {
        return Optional.ofNullable(sessions.get(id));
    }

    /** The session holding the name: none once it has been deleted, even while it still shuts down. */
    public Optional<InteractiveSession> getByName(String name) {
        return names.idOf(name).map(sessions::get);
    }

    public int count() {
        return sessions.size();
    }

    /** Every session, in id order. */
    public List<InteractiveSession> all() {
        return List.copyOf(sessions.values());
    }

    /**
     * Stores a file uploaded to the session in its private working directory and adds it to the driver.
     *
     * @throws LivyException 400 when the file name cannot be a file's name
     */
    public void upload(InteractiveSession session, ResourceKind kind, String fileName, byte[] content) {
        Path stored;
        try {
            stored = SessionUploads.store(launcher.uploadDirectory(session.id()), fileName, content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store the upload to session " + session.id(), e);
        }
        session.addResource(kind, stored.toString());
    }

    /** A page of sessions in id order. */
    public List<SessionView> list(int from, int size) {
        return sessions.values().stream().skip(Math.max(0, from)).limit(Math.max(0, size))
                .map(InteractiveSession::view).toList();
    }

    /**
     * Stops the session; it answers {@code shutting_down} until its driver is gone, then it is forgotten. Its name
     * is free at once.
     */
    public void delete(InteractiveSession session) {
        names.release(session.name(), session.id());
        if (!session.beginShutdown()) {
            forget(session);
            launcher.cleanUp(session.id());
            return;
        }
        timers.schedule(session.process()::terminate, settings.stopGrace().toMillis(), TimeUnit.MILLISECONDS);
        timers.schedule(session.process()::kill, settings.stopGrace().plus(KILL_AFTER_TERMINATE).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Stops every session whose time is up (idle, ttl, heartbeat, start), saying why. The timer runs it every
     * check interval; a test with its own clock runs it when it has moved the clock.
     */
    public void stopExpiredSessions() {
        try {
            long now = clock.millis();
            SessionExpiry expiry = settings.expiry();
            for (InteractiveSession session : sessions.values()) {
                expiry.reasonToStop(session.state(), session.limits(), session.times(), now).ifPresent(reason -> {
                    session.expire(reason);
                    delete(session);
                });
            }
        } catch (RuntimeException e) {
            LOG.error("Checking sessions for expiry failed", e);
        }
    }

    @Override
    public Optional<DriverChannelServer.PendingDriver> pendingDriver(int sessionId) {
        if (sessionId < 0) {
            return pool.pendingDriver(sessionId).map(DriverChannelServer.PendingDriver.class::cast);
        }
        return Optional.ofNullable(sessions.get(sessionId));
    }

    /** Sessions and pooled drivers starting: together at most {@code livy.server.session.max-creation}. */
    private long startingCount() {
        return sessions.values().stream().filter(s -> s.state() == SessionState.STARTING).count() + pool.starting();
    }

    /** Pooled drivers of this kind ready to be taken. */
    public long pooledReady(SessionKind kind) {
        return pool.ready(kind);
    }

    private void sessionEnded(InteractiveSession session) {
        launcher.cleanUp(session.id());
        // A recovered session's pooled driver has no pool to remove its directory (and the secret in it).
        Integer poolId = pooledDrivers.remove(session.id());
        if (poolId != null) {
            launcher.cleanUp(poolId);
        }
        if (session.state() == SessionState.KILLED) {
            forget(session);
            return;
        }
        timers.schedule(() -> forget(session), settings.stateRetention().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void forget(InteractiveSession session) {
        if (sessions.remove(session.id(), session)) {
            names.release(session.name(), session.id());
            session.forgotten();
        }
    }

    /**
     * The server stops: with recovery on, every driver is left running for the next server; with recovery off,
     * every driver is stopped ({@link #close(boolean)}).
     */
    @Override
    public void close() {
        close(!journal.enabled());
    }

    /**
     * Stops every driver ({@code stopDrivers}): asks each to exit, then terminates and kills what is left, blocking
     * until done. Without {@code stopDrivers} (only with recovery on), the drivers and what is recorded of their
     * sessions are left for the next server, which recovers them.
     */
    public void close(boolean stopDrivers) {
        pool.close();
        if (!stopDrivers && journal.enabled()) {
            // Sessions a user deleted are stopped for good, or the next server would bring them back.
            stop(sessions.values().stream().filter(session -> session.state() == SessionState.SHUTTING_DOWN)
                    .toList());
            journal.close();
            List<InteractiveSession> left = sessions.values().stream().filter(session -> !session.hasEnded())
                    .toList();
            sessions.values().forEach(InteractiveSession::leaveRunning);
            launches.shutdownNow();
            timers.shutdownNow();
            LOG.info("Left {} session(s) running for the next server (recovery is on; stop everything to end "
                    + "them)", left.size());
            return;
        }
        List<InteractiveSession> all = List.copyOf(sessions.values());
        all.forEach(InteractiveSession::beginShutdown);
        stop(all);
        launches.shutdownNow();
        timers.shutdownNow();
        journal.close();
        LOG.info("Stopped {} session(s)", all.size());
    }

    /** Waits for sessions asked to stop, then terminates and kills what is left of them. */
    private void stop(List<InteractiveSession> stopping) {
        awaitEnd(stopping, settings.stopGrace());
        stopping.forEach(session -> session.process().terminate());
        awaitEnd(stopping, KILL_AFTER_TERMINATE);
        stopping.forEach(session -> session.process().kill());
        awaitEnd(stopping, Duration.ofSeconds(2));
    }

    private static void awaitEnd(List<InteractiveSession> all, Duration limit) {
        Waiting.until(() -> all.stream().allMatch(InteractiveSession::hasEnded), limit);
    }

}
