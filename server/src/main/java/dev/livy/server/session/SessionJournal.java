package dev.livy.server.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ProcessIdentity;
import dev.livy.server.recovery.IdSequence;
import dev.livy.server.recovery.StateStore;
import dev.livy.server.util.LogText;
import dev.livy.server.util.NamedThreads;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sessions' side of the state store: session ids ({@code ids/session}), each session ({@code sessions/<id>}) and
 * its statements (the log of {@code sessions/<id>}, a {@link StatementLog}). What must be durable before a client's 201
 * (a new session, a new statement) is written on the caller's thread; what follows later (a statement's end, the
 * application's id, a session's end) is written by one shared writer thread, in the order it happened, so writes to one
 * key keep their order. With recovery off nothing is written and no thread starts. Thread-safe.
 */
final class SessionJournal implements AutoCloseable {
    static final String IDS_KEY = "ids/session";
    static final String POOL_IDS_KEY = "ids/pool";
    static final String SESSIONS_KEY = "sessions";
    private static final Logger LOG = LoggerFactory.getLogger(SessionJournal.class);
    private static final ObjectMapper JSON = FrameCodec.mapper();

    /** A stored session and its statements, as read back at start. */
    record Recovered(StoredSession session, List<StoredStatement> statements) {
    }

    private final StateStore store;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(NamedThreads.daemon("session-journal"));
    private final Map<Integer, StatementLog> recoveredLogs = new ConcurrentHashMap<>();
    private IdSequence ids;
    private IdSequence poolNumbers;
    private volatile boolean closed;

    SessionJournal(StateStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    boolean enabled() {
        return store.enabled();
    }

    /**
     * Every stored session with its statements; an entry that cannot be read is skipped with a logged reason
     * naming its key. Then session ids continue above every id found and every id handed out before.
     *
     * @throws IOException when the store cannot be listed or the id sequence cannot be read
     */
    List<Recovered> recover() throws IOException {
        List<Recovered> found = new ArrayList<>();
        int highest = -1;
        for (String child : store.children(SESSIONS_KEY)) {
            String key = SESSIONS_KEY + "/" + child;
            try {
                StoredSession session = JSON.readValue(store.get(key).orElseThrow(
                        () -> new IOException("no value")), StoredSession.class);
                if (!child.equals(Integer.toString(session.id()))) {
                    throw new IOException("it names session " + session.id());
                }
                StatementLog log = new StatementLog(store, key);
                found.add(new Recovered(session, log.recover()));
                recoveredLogs.put(session.id(), log);
                highest = Math.max(highest, session.id());
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping the stored session {}: cannot read it: {}", key, LogText.escape(e.getMessage()));
                highest = Math.max(highest, idOf(child));
            }
        }
        IdSequence loaded = IdSequence.load(store, IDS_KEY, highest + 1);
        synchronized (this) {
            ids = loaded;
        }
        return List.copyOf(found);
    }

    private static int idOf(String child) {
        try {
            return Integer.parseInt(child);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The next session id, durable before it is returned. */
    int nextId() throws IOException {
        return sequence().next();
    }

    /** The next number of a pooled driver (from 1), durable before it is returned: never one twice in a store. */
    synchronized int nextPoolNumber() throws IOException {
        if (poolNumbers == null) {
            poolNumbers = IdSequence.load(store, POOL_IDS_KEY, 1);
        }
        return poolNumbers.next();
    }

    /** The id {@link #nextId} would return. */
    int peekId() throws IOException {
        return sequence().peek();
    }

    /** The sequence {@link #recover} loaded, or, for a manager that recovers nothing, the stored one. */
    private synchronized IdSequence sequence() throws IOException {
        if (ids == null) {
            ids = IdSequence.load(store, IDS_KEY, 0);
        }
        return ids;
    }

    /** Records a new session durably, on the caller's thread; the returned entry records what follows. */
    Entry create(StoredSession session) throws IOException {
        if (store.enabled()) {
            store.put(sessionKey(session.id()), JSON.writeValueAsBytes(session));
        }
        return new Entry(session, new StatementLog(store, sessionKey(session.id())));
    }

    /** The entry of a session read back by {@link #recover}; its log is compacted soon when that is due. */
    Entry recovered(StoredSession session) {
        StatementLog log = recoveredLogs.remove(session.id());
        if (log == null) {
            log = new StatementLog(store, sessionKey(session.id()));
        }
        Entry entry = new Entry(session, log);
        entry.compactLaterIfDue();
        return entry;
    }

    /** Stops writing: what is queued is written (for a few seconds at most), anything later is dropped. */
    @Override
    public void close() {
        closed = true;
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("Some session changes were not written to the state store before it closed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void later(String what, StoreWrite write) {
        if (!store.enabled() || closed) {
            return;
        }
        try {
            writer.execute(() -> {
                try {
                    write.run();
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Cannot record {} in the state store: {}", what, e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("The state store is closed; not recording {}", what);
        }
    }

    private static String sessionKey(int id) {
        return SESSIONS_KEY + "/" + id;
    }

    private interface StoreWrite {
        void run() throws IOException;
    }

    /** One session's records: its latest stored form and its statements. Thread-safe. */
    final class Entry implements StatementJournal {
        private final StatementLog log;
        private StoredSession current;
        private volatile boolean ended;

        private Entry(StoredSession session, StatementLog log) {
            this.current = session;
            this.log = log;
        }

        boolean enabled() {
            return store.enabled();
        }

        /** Remembers a driver's process that runs on this host, so that the next server finds it. */
        void driverStarted(ChildProcess started, boolean driverOnServer) {
            if (driverOnServer && enabled()) {
                ProcessIdentity.ofPid(started.pid()).ifPresent(identity -> update(
                        stored -> stored.withDriverProcess(identity.pid(), identity.startedAtMillis())));
            }
        }

        synchronized StoredSession current() {
            return current;
        }

        /** Changes the stored session; written by the writer thread. */
        void update(UnaryOperator<StoredSession> change) {
            if (ended) {
                return;
            }
            // Queued under the lock, so that concurrent changes are written in the order they were made.
            synchronized (this) {
                StoredSession changed = change.apply(current);
                current = changed;
                later("session " + changed.id(), () -> store.put(sessionKey(changed.id()),
                        JSON.writeValueAsBytes(changed)));
            }
        }

        /** The session ended: it and its statements are removed. */
        void ended() {
            ended = true;
            int id = current().id();
            later("the end of session " + id, () -> store.delete(sessionKey(id)));
        }

        @Override
        public void queued(StoredStatement statement) throws IOException {
            if (store.enabled()) {
                log.append(statement);
            }
        }

        @Override
        public void finished(StoredStatement statement) {
            if (ended) {
                return;
            }
            later("statement " + statement.id() + " of session " + current().id(), () -> {
                log.append(statement);
                compactIfDue();
            });
        }

        @Override
        public void dropped(int statementId) {
            if (ended) {
                return;
            }
            later("the drop of statement " + statementId + " of session " + current().id(), () -> {
                log.appendDrop(statementId);
                compactIfDue();
            });
        }

        void compactLaterIfDue() {
            later("the compaction of the statements of session " + current().id(), this::compactIfDue);
        }

        /** On the writer thread; an append from a request meanwhile waits for it (the log's monitor). */
        private void compactIfDue() throws IOException {
            if (!ended && log.compactionDue()) {
                log.compact();
            }
        }
    }
}
