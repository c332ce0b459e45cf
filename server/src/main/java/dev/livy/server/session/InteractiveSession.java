package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.common.api.AppInfo;
import dev.livy.common.api.JobStatusView;
import dev.livy.common.api.SessionView;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.ResourceKind;
import dev.livy.server.driver.ConnectedDriver;
import dev.livy.server.driver.DriverChannelServer;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.util.LogText;
import dev.livy.server.util.StateMachine;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One interactive session: who and what it is, its lifecycle, its statements and what it sends its driver. The
 * driver's events are applied by {@link DriverEvents}, its process is run by {@link DriverProcess}. Reads (views)
 * take no lock; the few mutations that must agree with each other (attaching the driver, queueing a statement,
 * beginning to stop) synchronise on the session. The lifecycle moves along {@link SessionState#successors}.
 * Thread-safe.
 */
public final class InteractiveSession implements DriverChannelServer.PendingDriver {
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
    private final Map<String, String> sparkInfo;
    private final LogBuffer log;
    private final Clock clock;
    private final EndListener endListener;
    private final SessionLimits limits;
    private final String secret;
    private final SessionJournal.Entry journal;
    private final StateMachine<SessionState> lifecycle;
    private final SessionStatements statements;
    private final SessionJobs jobs;
    private final PendingCompletions completions = new PendingCompletions(COMPLETION_TIMEOUT);
    private final SessionActivity activity;
    private final DriverEvents events;
    private final DriverProcess process;
    private final DriverLink driver = new DriverLink();
    private volatile SessionView beforeBinding;

    /**
     * @param name      the name the user gave, or null; the Spark application name is in {@code resources}
     * @param sparkInfo what the view's {@code appInfo} says about the Spark it runs on
     * @param journal   where the session is recorded; its secret and, for a {@code recovered} session, its
     *                  creation time and application come from there
     * @param recovered the session was read back from the state store and waits, {@code recovering}, for its
     *                  driver to reconnect
     */
    InteractiveSession(int id, String name, String owner, String proxyUser, SessionKind kind,
            SparkResources resources, Map<String, String> sparkInfo, SessionLimits limits,
            StatementRetention retention, LogBuffer log, Clock clock, EndListener endListener,
            SessionObserver observer, SessionJournal.Entry journal, boolean recovered) {
        this.id = id;
        this.name = name;
        this.owner = owner;
        this.proxyUser = proxyUser;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.resources = Objects.requireNonNull(resources, "resources");
        this.sparkInfo = Map.copyOf(sparkInfo);
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.endListener = Objects.requireNonNull(endListener, "endListener");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.journal = Objects.requireNonNull(journal, "journal");
        StoredSession stored = journal.current();
        this.secret = stored.secret();
        this.lifecycle = new StateMachine<>(recovered ? SessionState.RECOVERING : SessionState.STARTING,
                SessionState::successors);
        this.statements = new SessionStatements(retention, observer, journal);
        this.jobs = new SessionJobs(retention.maxStatements());
        this.activity = recovered ? new SessionActivity(clock, stored.createdAt()) : new SessionActivity(clock);
        this.process = new DriverProcess(id, lifecycle, log);
        this.events = new DriverEvents(id, lifecycle, process, statements, jobs, completions, activity, log,
                clock, journal, driver::send);
        if (recovered) {
            events.restore(stored.appId(), stored.sparkUiUrl());
        }
        lifecycle.addListener((from, to) -> {
            if (from == SessionState.STARTING && to == SessionState.IDLE) {
                observer.sessionReady(kind, Duration.ofMillis(clock.millis() - activity.times().createdAt()));
            }
            if (to.isFinal()) {
                ended();
            }
        });
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

    /** The state clients see: {@code busy} while any statement or job waits or runs. */
    public SessionState state() {
        SessionState current = lifecycle.get();
        if (current == SessionState.IDLE && (statements.anyActive() || jobs.anyActive())) {
            return SessionState.BUSY;
        }
        return current;
    }

    public SessionView view() {
        SessionTimes times = activity.times();
        return new SessionView(id, name, events.appId(), owner, proxyUser, state(), kind,
                AppInfo.ofSession(events.driverLogUrl(), events.sparkUiUrl(), sparkInfo, times.createdAt(),
                        times.lastActivity()),
                log.tail(LOG_LINES_IN_VIEW));
    }

    public List<String> logLines() {
        return log.lines();
    }

    SessionLimits limits() {
        return limits;
    }

    SessionTimes times() {
        return activity.times();
    }

    /** A request to {@code /sessions/{id}...} reached this session: the heartbeat. */
    public void touch() {
        activity.touch();
    }

    /** Why the server stops the session on its own, for the session's log. */
    void expire(String reason) {
        log.appendStderr("livy: session stopped by the server: " + reason);
        LOG.info("Session {}: stopping: {}", id, LogText.escape(reason));
    }

    /** Runs on a launcher thread: starts the driver unless the session was stopped meanwhile. */
    void launch(SessionLaunching launcher) {
        process.launch(launcher, kind, secret, resources, events::appId,
                started -> journal.driverStarted(started, launcher.cluster().driverOnServer()));
    }

    /** The view the create answers: as it was before a pooled driver, which may be ready at once, was bound. */
    public SessionView createdView() {
        return beforeBinding != null ? beforeBinding : view();
    }

    /** Takes over a pooled driver (its secret is the session's) and binds it: its next driver_ready makes it idle. */
    synchronized void takePooled(SessionPool.Taking pooled, ClusterManager cluster) {
        beforeBinding = view();
        adopt(cluster, Optional.of(pooled.taken().process()));
        journal.driverStarted(pooled.taken().process(), cluster.driverOnServer());
        pooled.driver().listenWith(events);
        // Bound only once connected: its driver_ready answer (idle) may be handled before this returns.
        if (!connect(pooled.taken().connection(), List.of(new DriverMessage.Bind(id)))) {
            process.terminate();
        }
    }

    /** A recovered session takes over its driver's process ({@code found}: if on this host) until it reconnects. */
    void adopt(ClusterManager cluster, Optional<ChildProcess> found) {
        process.adopt(cluster, found, events::appId);
    }

    /**
     * A recovered session cannot get its driver back (gone, or not reconnected in time): one still {@code recovering}
     * is {@code dead}, and its log says why.
     */
    void recoveryFailed(String reason) {
        if (lifecycle.get() != SessionState.RECOVERING) {
            return;
        }
        log.appendStderr("livy: " + reason);
        LOG.warn("Session {}: {}", id, LogText.escape(reason));
        if (lifecycle.compareAndMove(SessionState.RECOVERING, SessionState.DEAD).moved()) {
            // Whatever is left of the driver, here or (by its application id) on the cluster.
            process.terminate();
            process.kill();
        }
    }

    /** The server stops but leaves the driver running for the next server: losing the connection ends nothing. */
    void leaveRunning() {
        events.leaveRunning();
    }

    DriverProcess process() {
        return process;
    }

    /**
     * Asks the driver to stop (the caller terminates and kills the {@link #process} when it does not); one never
     * connected cannot be asked, so its process is terminated at once. False when the session had already ended.
     */
    boolean beginShutdown() {
        boolean asked;
        synchronized (this) {
            lifecycle.moveTo(SessionState.SHUTTING_DOWN);
            if (lifecycle.isFinal()) {
                return false;
            }
            asked = driver.send(new DriverMessage.Shutdown());
        }
        if (!asked) {
            process.terminate();
        }
        return true;
    }

    /** The manager forgot the session: its statement outputs stop counting against the server's budget. */
    void forgotten() {
        statements.releaseAll();
    }

    boolean hasEnded() {
        return lifecycle.isFinal();
    }

    /** Runs once, on the move to a final state: fails what was still running, and tells the manager. */
    private void ended() {
        driver.close();
        statements.failActive(clock.millis());
        jobs.failActive("Session " + id + " ended (" + lifecycle.get() + ") before the job finished.");
        completions.abandonAll();
        journal.ended();
        endListener.sessionEnded(this);
    }

    /** Queues a statement; sent to the driver now, or when it connects. */
    public StatementView submit(String code, CodeKind codeKind) {
        activity.touchAndRecordActivity();
        synchronized (this) {
            refuseWorkWhenStopping("statements");
            Statement statement = statements.add(code, codeKind);
            // The answer to POST is the statement as queued: once sent, the driver may start it at any moment.
            StatementView submitted = statement.view();
            driver.send(new DriverMessage.Execute(statement.id(), codeKind, code));
            return submitted;
        }
    }

    /** Queues a job of Livy's programmatic API, sent to the driver now or once it connects. */
    public JobStatusView submitJob(byte[] serializedJob) {
        activity.touchAndRecordActivity();
        synchronized (this) {
            refuseWorkWhenStopping("jobs");
            SessionJob job = jobs.add();
            JobStatusView submitted = job.view();
            driver.sendOrQueue(new DriverMessage.RunJob(job.id(), Base64.getEncoder().encodeToString(serializedJob)));
            return submitted;
        }
    }

    public Optional<JobStatusView> job(long jobId) {
        return jobs.get(jobId).map(SessionJob::view);
    }

    /** Cancels a job: it is {@code CANCELLED} at once, and the driver stops it. False when there is no such job. */
    public boolean cancelJob(long jobId) {
        Optional<SessionJob> found = jobs.get(jobId);
        if (found.isEmpty()) {
            return false;
        }
        activity.touchAndRecordActivity();
        if (found.get().cancel()) {
            driver.sendOrQueue(new DriverMessage.CancelJob(jobId));
        }
        return true;
    }

    /** Adds a file to the driver: a jar to the jobs' class path, or a file; {@code uri} was checked by the caller. */
    public void addResource(ResourceKind resourceKind, String uri) {
        activity.touchAndRecordActivity();
        synchronized (this) {
            refuseWorkWhenStopping("files");
            driver.sendOrQueue(new DriverMessage.AddResource(resourceKind, uri));
        }
    }

    private void refuseWorkWhenStopping(String what) {
        SessionState current = lifecycle.get();
        if (current.isFinal() || current == SessionState.SHUTTING_DOWN) {
            throw new LivyException(ErrorCode.NOT_ACCEPTING_STATEMENTS,
                    "Session " + id + " is " + current + " and takes no " + what + ".");
        }
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
        activity.touchAndRecordActivity();
        boolean wasWaiting = statement.state() == StatementState.WAITING && statement.cancelled(clock.millis());
        boolean nowCancelling = !wasWaiting && statement.moveTo(StatementState.CANCELLING);
        if (wasWaiting || nowCancelling) {
            driver.send(new DriverMessage.Cancel(statementId));
        }
        return true;
    }

    /**
     * Completion candidates for code at the cursor, from the driver's interpreter of that kind: none at once when
     * the driver is not connected, and none after a few seconds when it does not answer.
     */
    public CompletableFuture<List<String>> complete(CodeKind codeKind, String code, int cursor) {
        activity.touchAndRecordActivity();
        if (!driver.isConnected() || lifecycle.isFinal()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return completions.request(
                requestId -> driver.send(new DriverMessage.Complete(requestId, codeKind, code, cursor)));
    }

    @Override
    public String secret() {
        return secret;
    }

    /** A new driver gets the waiting statements; a recovered one, a {@link DriverMessage.Resync} of the active ones. */
    @Override
    public synchronized Optional<ConnectedDriver.Listener> attach(ConnectedDriver connecting) {
        return connect(connecting, List.of()) ? Optional.of(events) : Optional.empty();
    }

    /** Connects the driver of a session starting or recovering; {@code prelude} goes to it before anything else. */
    private boolean connect(ConnectedDriver connecting, List<DriverMessage.ToDriver> prelude) {
        SessionState current = lifecycle.get();
        if (current != SessionState.STARTING && current != SessionState.RECOVERING) {
            return false;
        }
        Stream<DriverMessage.ToDriver> first = current == SessionState.RECOVERING
                ? Stream.of(new DriverMessage.Resync(statements.activeIds()))
                : statements.waiting().stream().map(statement ->
                        new DriverMessage.Execute(statement.id(), statement.kind(), statement.code()));
        return driver.connect(connecting, Stream.concat(prelude.stream(), first).toList());
    }

    /** The stored session's restored statements; called before anyone else can see the session. */
    void restoreStatements(List<StoredStatement> stored) {
        statements.restore(stored);
    }

    SessionJournal.Entry journal() {
        return journal;
    }
}
