package dev.livy.server.session;

import dev.livy.common.SessionState;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.driver.ConnectedDriver;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.util.LogText;
import dev.livy.server.util.StateMachine;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a session's driver pushes, applied to the session: readiness, statement progress and results, job
 * outcomes, completion answers, and the end of the connection. Called on the connection's reader thread, one
 * message at a time; what it records (the application's id and UI) is read by any thread. Thread-safe.
 */
final class DriverEvents implements ConnectedDriver.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(DriverEvents.class);

    private final int sessionId;
    private final StateMachine<SessionState> lifecycle;
    private final DriverProcess process;
    private final SessionStatements statements;
    private final SessionJobs jobs;
    private final PendingCompletions completions;
    private final SessionActivity activity;
    private final LogBuffer log;
    private final Clock clock;
    private final SessionJournal.Entry journal;
    private final Consumer<DriverMessage.ToDriver> toDriver;
    private final Handler handler = new Handler();
    private final ApplicationLinks links = new ApplicationLinks();
    private final DriverOutputLog driverOutput;
    private volatile String appId;
    private volatile String sparkUiUrl;
    private volatile boolean leavingRunning;

    DriverEvents(int sessionId, StateMachine<SessionState> lifecycle, DriverProcess process,
            SessionStatements statements, SessionJobs jobs, PendingCompletions completions, SessionActivity activity,
            LogBuffer log, Clock clock, SessionJournal.Entry journal, Consumer<DriverMessage.ToDriver> toDriver) {
        this.sessionId = sessionId;
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        this.process = Objects.requireNonNull(process, "process");
        this.statements = Objects.requireNonNull(statements, "statements");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.activity = Objects.requireNonNull(activity, "activity");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.toDriver = Objects.requireNonNull(toDriver, "toDriver");
        this.driverOutput = new DriverOutputLog(log);
    }

    /** A recovered session's application, as its driver reported it to an earlier server. */
    void restore(String storedAppId, String storedSparkUiUrl) {
        appId = storedAppId;
        sparkUiUrl = storedSparkUiUrl;
    }

    /** The Spark application's id once the driver is ready; null before. */
    String appId() {
        return appId;
    }

    String sparkUiUrl() {
        return links.sparkUiUrl(sparkUiUrl);
    }

    /** The driver's log as the cluster manager links it; null where it does not. */
    String driverLogUrl() {
        return links.driverLogUrl();
    }

    @Override
    public void onMessage(DriverMessage.FromDriver message) {
        // Progress and the driver's own output are not the user's activity: they keep no idle session alive.
        if (!(message instanceof DriverMessage.StatementProgress) && !(message instanceof DriverMessage.DriverOutput)) {
            activity.recordActivity();
        }
        message.accept(handler);
    }

    /** One method per message a driver sends; a message added to the protocol does not compile until handled. */
    private final class Handler implements DriverMessage.FromDriver.Handler {
        @Override
        public void driverReady(DriverMessage.DriverReady ready) {
            boolean changed = !Objects.equals(appId, ready.appId())
                    || !Objects.equals(sparkUiUrl, ready.sparkUiUrl());
            appId = ready.appId();
            sparkUiUrl = ready.sparkUiUrl();
            if (changed) {
                journal.update(stored -> stored.withApplication(ready.appId(), ready.sparkUiUrl()));
            }
            process.follow(appId, links);
            if (lifecycle.compareAndMove(SessionState.STARTING, SessionState.IDLE).moved()) {
                LOG.info("Session {}: ready ({})", sessionId, appId);
            } else if (lifecycle.compareAndMove(SessionState.RECOVERING, SessionState.IDLE).moved()) {
                log.appendStderr("livy: the driver reconnected after the server restarted");
                LOG.info("Session {}: recovered, its driver reconnected ({})", sessionId, appId);
            }
        }

        @Override
        public void statementUnknown(DriverMessage.StatementUnknown unknown) {
            withStatement(unknown.statementId(), statement -> {
                if (!statement.state().isFinal()) {
                    LOG.info("Session {}: statement {} never reached the driver; sending it again", sessionId,
                            statement.id());
                    toDriver.accept(new DriverMessage.Execute(statement.id(), statement.kind(), statement.code()));
                }
            });
        }

        @Override
        public void driverOutput(DriverMessage.DriverOutput output) {
            driverOutput.append(output);
        }

        @Override
        public void driverFailed(DriverMessage.DriverFailed failed) {
            log.appendStderr("livy: driver failed: " + failed.reason());
            LOG.warn("Session {}: driver failed: {}", sessionId, LogText.escape(failed.reason()));
        }

        @Override
        public void statementStarted(DriverMessage.StatementStarted started) {
            long now = clock.millis();
            withStatement(started.statementId(), statement -> statement.markRunning(now));
        }

        @Override
        public void statementProgress(DriverMessage.StatementProgress progress) {
            withStatement(progress.statementId(), statement -> statement.progress(progress.progress()));
        }

        @Override
        public void statementCompleted(DriverMessage.StatementCompleted completed) {
            long now = clock.millis();
            withStatement(completed.statementId(), statement -> {
                // After a reconnect, a statement that ran while the server was away may end before it was seen start.
                statement.markRunning(now);
                statement.complete(completed.output().toRawJson(), now);
            });
        }

        @Override
        public void statementCancelled(DriverMessage.StatementCancelled cancelled) {
            long now = clock.millis();
            withStatement(cancelled.statementId(), statement -> statement.cancelled(now));
        }

        @Override
        public void completionResult(DriverMessage.CompletionResult result) {
            completions.answer(result.requestId(), result.candidates());
        }

        @Override
        public void jobStarted(DriverMessage.JobStarted started) {
            jobs.get(started.jobId()).ifPresent(SessionJob::started);
        }

        @Override
        public void jobFinished(DriverMessage.JobFinished finished) {
            jobs.get(finished.jobId())
                    .ifPresent(job -> job.finished(finished.state(), finished.result(), finished.error()));
        }
    }

    /** The server stops and leaves the driver to the next one: a lost connection no longer ends the session. */
    void leaveRunning() {
        leavingRunning = true;
    }

    @Override
    public void onDisconnect(String reason) {
        SessionState current = lifecycle.get();
        if (leavingRunning || current.isFinal() || current == SessionState.SHUTTING_DOWN) {
            return;
        }
        log.appendStderr("livy: " + reason);
        LOG.warn("Session {}: {}", sessionId, LogText.escape(reason));
        lifecycle.moveTo(SessionState.DEAD);
        process.kill();
    }

    private void withStatement(int statementId, Consumer<Statement> update) {
        statements.get(statementId).ifPresent(update);
    }
}
