package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.api.AppInfo;
import dev.livy.common.api.SessionView;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.driver.DriverConnection;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.util.LogText;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interactive session: its driver process and connection, its statements, its log. Reads (views) take no
 * lock; the few mutations that must agree with each other (attaching the driver, queueing a statement) synchronise
 * on the session. Driver events arrive on the connection's reader thread. Thread-safe.
 */
public final class InteractiveSession implements DriverChannelServer.PendingDriver, DriverConnection.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(InteractiveSession.class);
    private static final int LOG_LINES_IN_VIEW = 10;
    private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(5);

    /** Told when the session's driver is gone for good (exited, killed, or never started). */
    interface EndListener {
        void sessionEnded(InteractiveSession session);
    }

    private final int id;
    private final String name;
    private final String owner;
    private final String proxyUser;
    private final SessionKind kind;
    private final SparkResources resources;
    private final LogBuffer log;
    private final Clock clock;
    private final EndListener endListener;
    private final String secret = ChannelAuth.newSecret();
    private final AtomicReference<SessionState> lifecycle = new AtomicReference<>(SessionState.STARTING);
    private final SessionStatements statements;
    private final PendingCompletions completions = new PendingCompletions(COMPLETION_TIMEOUT);
    private volatile String appId;
    private volatile String sparkUiUrl;
    private volatile DriverConnection connection;
    private volatile ChildProcess process;
    private final SessionLimits limits;
    private final long createdAt;
    private volatile long lastActivity;
    private volatile long lastTouched;

    /** @param name the name the user gave, or null; the Spark application name is in {@code resources} */
    InteractiveSession(int id, String name, String owner, String proxyUser, SessionKind kind,
            SparkResources resources, SessionLimits limits, StatementRetention retention, LogBuffer log, Clock clock,
            EndListener endListener) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.proxyUser = proxyUser;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endListener = Objects.requireNonNull(endListener, "endListener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.statements = new SessionStatements(retention);
        this.createdAt = clock.millis();
        this.lastActivity = createdAt;
        this.lastTouched = createdAt;
    }

    public int id() {
        return id;
    }

    /** The authenticated user who created it; null when created without authentication. */
    public String owner() {
        return owner;
    }

    public String name() {
        return name;
    }

    public SessionKind kind() {
        return kind;
    }

    /** The state clients see: {@code busy} while any statement waits or runs. */
    public SessionState state() {
        SessionState current = lifecycle.get();
        if (current == SessionState.IDLE && statements.anyActive()) {
            return SessionState.BUSY;
        }
        return current;
    }

    public SessionView view() {
        return new SessionView(id, name, appId, owner, proxyUser, state(), kind,
                AppInfo.of(null, sparkUiUrl), log.tail(LOG_LINES_IN_VIEW));
    }

    public List<String> logLines() {
        return log.lines();
    }

    SessionLimits limits() {
        return limits;
    }

    SessionTimes times() {
        return new SessionTimes(createdAt, lastActivity, lastTouched);
    }

    /** A request to {@code /sessions/{id}...} reached this session: the heartbeat. */
    public void touch() {
        lastTouched = clock.millis();
    }

    /** The session did work: the idle clock starts again. */
    private void recordActivity() {
        lastActivity = clock.millis();
    }

    /** Why the server stops the session on its own, for the session's log. */
    void expire(String reason) {
        log.appendStderr("livy: session stopped by the server: " + reason);
        LOG.info("Session {}: stopping: {}", id, LogText.escape(reason));
    }

    // ---- launch and stop ----

    /** Runs on a launcher thread: starts the driver unless the session was stopped meanwhile. */
    void launch(SessionLauncher launcher) {
        if (lifecycle.get() == SessionState.SHUTTING_DOWN) {
            end(SessionState.KILLED);
            return;
        }
        try {
            ChildProcess started = launcher.launch(id, kind, secret, resources, log);
            process = started;
            LOG.info("Session {}: spark-submit started (pid {})", id, started.pid());
            started.onExit().thenAccept(this::processExited);
            if (lifecycle.get() == SessionState.SHUTTING_DOWN) {
                started.terminateTree();
            }
        } catch (Exception e) {
            LOG.warn("Session {}: cannot launch spark-submit", id, e);
            log.appendStderr("livy: cannot launch spark-submit: " + e.getMessage());
            end(SessionState.DEAD);
        }
    }

    /**
     * Asks the driver to stop; the caller schedules {@link #terminate} and {@link #kill} for when it does not.
     * Returns false when the session had already ended.
     */
    boolean beginShutdown() {
        SessionState previous = lifecycle.getAndUpdate(
                state -> state.isFinal() ? state : SessionState.SHUTTING_DOWN);
        if (previous.isFinal()) {
            return false;
        }
        DriverConnection current = connection;
        if (current != null) {
            current.send(new DriverMessage.Shutdown());
        }
        return true;
    }

    void terminate() {
        ChildProcess current = process;
        if (current != null && current.isAlive()) {
            current.terminateTree();
        }
    }

    void kill() {
        ChildProcess current = process;
        if (current != null) {
            current.killTree();
        }
    }

    /** The manager forgot the session: its statement outputs stop counting against the server's budget. */
    void forgotten() {
        statements.releaseAll();
    }

    boolean hasEnded() {
        return lifecycle.get().isFinal();
    }

    private void processExited(int exitCode) {
        boolean stopping = lifecycle.get() == SessionState.SHUTTING_DOWN;
        if (!stopping) {
            log.appendStderr("livy: driver process exited with code " + exitCode);
        }
        LOG.info("Session {}: driver process exited with code {}", id, exitCode);
        end(stopping ? SessionState.KILLED : SessionState.DEAD);
    }

    /** Moves to a final state once, fails what was still running, and tells the manager. */
    private void end(SessionState finalState) {
        SessionState previous = lifecycle.getAndUpdate(state -> state.isFinal() ? state : finalState);
        if (previous.isFinal()) {
            return;
        }
        DriverConnection current = connection;
        if (current != null) {
            current.close();
        }
        long now = clock.millis();
        statements.failActive(now);
        completions.abandonAll();
        endListener.sessionEnded(this);
    }

    // ---- statements ----

    /** Queues a statement; sent to the driver now, or when it connects. */
    public StatementView submit(String code, CodeKind codeKind) {
        touch();
        recordActivity();
        StatementView submitted;
        synchronized (this) {
            SessionState current = lifecycle.get();
            if (current.isFinal() || current == SessionState.SHUTTING_DOWN) {
                throw new LivyException(ErrorCode.NOT_ACCEPTING_STATEMENTS,
                        "Session " + id + " is " + current + " and takes no statements.");
            }
            Statement statement = statements.add(code, codeKind);
            // The answer to POST is the statement as queued: once sent, the driver may start it at any moment.
            submitted = statement.view();
            DriverConnection driver = connection;
            if (driver != null) {
                driver.send(new DriverMessage.Execute(statement.id(), codeKind, code));
            }
        }
        return submitted;
    }

    public Optional<StatementView> statement(int statementId) {
        return statements.get(statementId).map(Statement::view);
    }

    /** The retained statements in id order: older finished ones are dropped beyond the retention limits. */
    public List<StatementView> statements() {
        return statements.views();
    }

    /** Cancels a statement: a waiting one at once, a running one once the driver has interrupted it. */
    public boolean cancel(int statementId) {
        Optional<Statement> found = statements.get(statementId);
        if (found.isEmpty()) {
            return false;
        }
        Statement statement = found.get();
        touch();
        recordActivity();
        boolean wasWaiting = statement.state() == StatementState.WAITING && statement.cancelled(clock.millis());
        boolean nowCancelling = !wasWaiting && statement.moveTo(StatementState.CANCELLING);
        DriverConnection current = connection;
        if ((wasWaiting || nowCancelling) && current != null) {
            current.send(new DriverMessage.Cancel(statementId));
        }
        return true;
    }

    /**
     * Completion candidates for code at the cursor, from the driver's interpreter of that kind. Answers no
     * candidates at once when the driver is not connected, and after a few seconds when it does not answer.
     */
    public CompletableFuture<List<String>> complete(CodeKind codeKind, String code, int cursor) {
        touch();
        recordActivity();
        DriverConnection driver = connection;
        if (driver == null || lifecycle.get().isFinal()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return completions.request(
                requestId -> driver.send(new DriverMessage.Complete(requestId, codeKind, code, cursor)));
    }

    // ---- the driver channel ----

    @Override
    public String secret() {
        return secret;
    }

    @Override
    public synchronized Optional<DriverConnection.Listener> attach(DriverConnection newConnection) {
        if (lifecycle.get() != SessionState.STARTING || connection != null) {
            return Optional.empty();
        }
        connection = newConnection;
        for (Statement statement : statements.waiting()) {
            newConnection.send(new DriverMessage.Execute(statement.id(), statement.kind(), statement.code()));
        }
        return Optional.of(this);
    }

    @Override
    public void onMessage(DriverMessage message) {
        long now = clock.millis();
        if (!(message instanceof DriverMessage.StatementProgress)) {
            recordActivity();
        }
        if (message instanceof DriverMessage.StatementStarted started) {
            withStatement(started.statementId(), statement -> statement.markRunning(now));
        } else if (message instanceof DriverMessage.StatementProgress progress) {
            withStatement(progress.statementId(), statement -> statement.progress(progress.progress()));
        } else if (message instanceof DriverMessage.StatementCompleted completed) {
            withStatement(completed.statementId(), statement -> statement.complete(completed.output(), now));
        } else if (message instanceof DriverMessage.StatementCancelled cancelled) {
            withStatement(cancelled.statementId(), statement -> statement.cancelled(now));
        } else if (message instanceof DriverMessage.CompletionResult result) {
            completions.answer(result.requestId(), result.candidates());
        } else if (message instanceof DriverMessage.DriverReady ready) {
            driverReady(ready);
        } else if (message instanceof DriverMessage.DriverFailed failed) {
            log.appendStderr("livy: driver failed: " + failed.reason());
            LOG.warn("Session {}: driver failed: {}", id, LogText.escape(failed.reason()));
        } else {
            LOG.warn("Session {}: unexpected message from driver: {}", id, message.getClass().getSimpleName());
        }
    }

    private void driverReady(DriverMessage.DriverReady ready) {
        appId = ready.appId();
        sparkUiUrl = ready.sparkUiUrl();
        if (lifecycle.compareAndSet(SessionState.STARTING, SessionState.IDLE)) {
            LOG.info("Session {}: ready ({})", id, appId);
        }
    }

    @Override
    public void onDisconnect(String reason) {
        if (lifecycle.get().isFinal() || lifecycle.get() == SessionState.SHUTTING_DOWN) {
            return;
        }
        log.appendStderr("livy: " + reason);
        LOG.warn("Session {}: {}", id, LogText.escape(reason));
        end(SessionState.DEAD);
        kill();
    }

    private void withStatement(int statementId, Consumer<Statement> update) {
        statements.get(statementId).ifPresent(update);
    }
}
