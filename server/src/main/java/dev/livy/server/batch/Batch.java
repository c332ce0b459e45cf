package dev.livy.server.batch;

import dev.livy.common.SessionState;
import dev.livy.common.api.AppInfo;
import dev.livy.common.api.BatchView;
import dev.livy.server.launch.ApplicationReport;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.GoneProcess;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.ProcessIdentity;
import dev.livy.server.launch.ProcessOutput;
import dev.livy.server.launch.Reattached;
import dev.livy.server.util.StateMachine;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch: a spark-submit run and what clients see of it. States move along {@link SessionState#batchSuccessors}
 * ({@code starting → running → success | dead | killed}); the exit code decides the end unless the batch was
 * killed, or unless the cluster manager reports the end (cluster mode on YARN, where spark-submit may exit once the
 * application is submitted): then its final report does, and its words go to the log. The application id and UI
 * address are read from the output as it arrives; the cluster manager's reports add its links. A batch a later
 * server recovers starts in its stored state and is followed again ({@link #reattach}). Every change worth keeping
 * (state, application id, process) is told to the change listener, which stores it. Thread-safe.
 */
public final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);
    private static final int LOG_LINES_IN_VIEW = 100;

    private final int id;
    private final String name;
    private final String owner;
    private final String proxyUser;
    private final LogBuffer log;
    private final Consumer<Batch> endListener;
    private final Consumer<Batch> changeListener;
    private final StoredBatch.Request request;
    private final StateMachine<SessionState> state;
    private final ProcessOutput output = new ObservedOutput();
    private final BatchView asCreated;
    private volatile String appId;
    private volatile String sparkUiUrl;
    private volatile String driverLogUrl;
    private final Map<String, String> sparkInfo;
    private volatile ClusterManager cluster;
    private volatile ProcessIdentity identity;
    private ChildProcess process;
    private boolean killRequested;

    /** @param sparkInfo what the view's {@code appInfo} says about the Spark it runs on */
    Batch(int id, String name, String owner, String proxyUser, StoredBatch.Request request,
            Map<String, String> sparkInfo, LogBuffer log, Consumer<Batch> endListener, Consumer<Batch> changeListener) {
        this(id, name, owner, proxyUser, request, sparkInfo, SessionState.STARTING, log, endListener, changeListener);
    }

    /** A batch an earlier server started, as it was stored; {@link #reattach} follows it again. */
    Batch(StoredBatch stored, LogBuffer log, Consumer<Batch> endListener, Consumer<Batch> changeListener) {
        this(stored.id(), stored.name(), stored.owner(), stored.proxyUser(), stored.request(), stored.sparkInfo(),
                stored.state(), log, endListener, changeListener);
        this.appId = stored.appId();
        this.sparkUiUrl = stored.sparkUiUrl();
        this.driverLogUrl = stored.driverLogUrl();
        this.identity = stored.processIdentity().orElse(null);
    }

    private Batch(int id, String name, String owner, String proxyUser, StoredBatch.Request request,
            Map<String, String> sparkInfo, SessionState initial, LogBuffer log, Consumer<Batch> endListener,
            Consumer<Batch> changeListener) {
        this.id = id;
        this.sparkInfo = Map.copyOf(sparkInfo);
        this.name = name;
        this.owner = owner;
        this.proxyUser = proxyUser;
        this.request = Objects.requireNonNull(request, "request");
        this.log = Objects.requireNonNull(log, "log");
        this.endListener = Objects.requireNonNull(endListener, "endListener");
        this.changeListener = Objects.requireNonNull(changeListener, "changeListener");
        this.state = new StateMachine<>(initial, SessionState::batchSuccessors);
        this.asCreated = view();
        state.addListener((from, to) -> changeListener.accept(this));
    }

    /** What the state store keeps of it; {@code directory} holds its output files. */
    StoredBatch stored(Path directory) {
        ProcessIdentity process = identity;
        return new StoredBatch(id, name, owner, proxyUser, request, sparkInfo, state.get(), appId, sparkUiUrl,
                driverLogUrl, process == null ? null : process.pid(),
                process == null ? null : process.startedAtMillis(), directory.toString());
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

    public SessionState state() {
        return state.get();
    }

    public BatchView view() {
        return new BatchView(id, name, owner, proxyUser, state.get(), appId,
                AppInfo.of(driverLogUrl, sparkUiUrl, sparkInfo),
                log.tail(LOG_LINES_IN_VIEW));
    }

    /** The batch as it was created ({@code starting}): the answer to POST, whatever the launch has done since. */
    public BatchView viewAsCreated() {
        return asCreated;
    }

    public List<String> logLines() {
        return log.lines();
    }

    /** Starts spark-submit unless the batch was killed meanwhile; a failed start ends it {@code dead}. */
    void launch(BatchLaunching launcher, NewBatch request) {
        try {
            launcher.cluster().checkReachable();
        } catch (IOException e) {
            LOG.warn("Batch {}: not submitted: {}", id, e.getMessage());
            log.appendStderr("livy: cannot submit the application: " + e.getMessage());
            end(SessionState.DEAD);
            return;
        }
        ChildProcess started;
        try {
            synchronized (this) {
                if (killRequested) {
                    end(SessionState.KILLED);
                    return;
                }
                cluster = launcher.cluster();
                started = launcher.launch(id, request, output);
                process = started;
            }
        } catch (Exception e) {
            LOG.warn("Batch {}: cannot launch spark-submit", id, e);
            log.appendStderr("livy: cannot launch spark-submit: " + e.getMessage());
            end(SessionState.DEAD);
            return;
        }
        LOG.info("Batch {}: spark-submit started (pid {})", id, started.pid());
        identity = ProcessIdentity.ofPid(started.pid()).orElse(null);
        changeListener.accept(this);
        if (cluster.driverOnServer()) {
            state.compareAndMove(SessionState.STARTING, SessionState.RUNNING);
        }
        started.onExit().thenAccept(this::processExited);
    }

    /**
     * Follows a recovered batch again: its process as this server found it, and in the cluster manager by its
     * application id. A local batch whose process is gone without an exit code is {@code dead}, with the reason.
     */
    void reattach(ClusterManager manager, Function<ProcessOutput, Reattached> find) {
        synchronized (this) {
            cluster = manager;
        }
        Reattached found = find.apply(output);
        if (appId != null) {
            manager.follow(appId, this::reported);
        }
        if (found instanceof Reattached.Running running) {
            synchronized (this) {
                process = running.process();
            }
            LOG.info("Batch {}: spark-submit (pid {}) still runs; following it", id, running.process().pid());
            running.process().onExit().thenAccept(this::processExited);
            return;
        }
        if (found instanceof Reattached.Ended ended) {
            processExited(ended.exitCode());
            return;
        }
        synchronized (this) {
            process = GoneProcess.INSTANCE;
        }
        if (manager.reportsEnd() && appId != null) {
            return;
        }
        log.appendStderr("livy: " + ((Reattached.Lost) found).reason());
        end(SessionState.DEAD);
    }

    /** SIGTERM to spark-submit and everything it started; ends the batch as {@code killed}. */
    void terminate() {
        ChildProcess running;
        synchronized (this) {
            killRequested = true;
            running = process;
        }
        if (running != null) {
            cluster.terminate(running, Optional.ofNullable(appId));
        }
    }

    /** SIGKILL to whatever is left of the process tree. */
    void kill() {
        ChildProcess running;
        synchronized (this) {
            running = process;
        }
        if (running != null && running.isAlive()) {
            LOG.warn("Batch {}: spark-submit did not stop; killing it", id);
            cluster.kill(running);
        }
    }

    boolean hasEnded() {
        return state.isFinal();
    }

    private void processExited(int exitCode) {
        boolean killed;
        synchronized (this) {
            killed = killRequested;
        }
        log.appendStderr("livy: spark-submit exited with code " + exitCode);
        if (cluster.reportsEnd() && exitCode == 0 && !killed) {
            if (appId == null) {
                log.appendStderr("livy: spark-submit named no application id; the batch cannot be followed");
                end(SessionState.DEAD);
            }
            return;
        }
        end(killed ? SessionState.KILLED : exitCode == 0 ? SessionState.SUCCESS : SessionState.DEAD);
    }

    private void end(SessionState finalState) {
        if (!state.moveTo(finalState).ended()) {
            return;
        }
        LOG.info("Batch {}: {}", id, finalState);
        endListener.accept(this);
    }

    private void observe(String line) {
        if (appId == null) {
            cluster.applicationId(line).ifPresent(this::applicationFound);
        }
        if (sparkUiUrl == null) {
            cluster.sparkUiUrl(line).ifPresent(found -> sparkUiUrl = found);
        }
        cluster.reportedState(line).ifPresent(reported -> {
            if (reported == SessionState.RUNNING) {
                state.compareAndMove(SessionState.STARTING, SessionState.RUNNING);
            }
        });
    }

    private void applicationFound(String found) {
        boolean deleted;
        ChildProcess running;
        synchronized (this) {
            if (appId != null) {
                return;
            }
            appId = found;
            deleted = killRequested;
            running = process;
        }
        changeListener.accept(this);
        cluster.follow(found, this::reported);
        // Livy's leak check: the application was submitted before the delete could name it.
        if (deleted && running != null) {
            LOG.info("Batch {}: application {} appeared after the batch was deleted; stopping it", id, found);
            cluster.terminate(running, Optional.of(found));
        }
    }

    /** A report from the cluster manager's poller thread. */
    private void reported(ApplicationReport report) {
        if (report.sparkUiUrl() != null) {
            sparkUiUrl = report.sparkUiUrl();
        }
        if (report.driverLogUrl() != null && !report.driverLogUrl().equals(driverLogUrl)) {
            driverLogUrl = report.driverLogUrl();
            // In cluster mode the driver's own output never passes through spark-submit: say where it is.
            if (!cluster.driverOnServer()) {
                log.appendStderr("livy: the driver runs in the cluster; its log: " + driverLogUrl);
            }
        }
        if (report.state() == SessionState.RUNNING) {
            state.compareAndMove(SessionState.STARTING, SessionState.RUNNING);
            return;
        }
        if (!report.state().isFinal() || !cluster.reportsEnd()) {
            return;
        }
        log.appendStderr("livy: " + report.description());
        end(report.state());
    }

    /** Keeps every line in the log and reads it for the application's id, UI and state. */
    private final class ObservedOutput implements ProcessOutput {
        @Override
        public void appendStdout(String line) {
            log.appendStdout(line);
            observe(line);
        }

        @Override
        public void appendStderr(String line) {
            log.appendStderr(line);
            observe(line);
        }
    }
}
