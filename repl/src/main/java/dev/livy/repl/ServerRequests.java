package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * What the server asks of a running driver, handed to the part that does it: statements and cancels to the
 * statement runner (through the driver's record of them, which also answers a restarted server's resync), jobs to
 * the job runner, added files to the driver's files, completions to their own executor,
 * shutdown to whoever stops the driver. Called on the channel's reader thread; never waits for a statement, a job
 * or a completion. Thread-safe.
 */
final class ServerRequests implements DriverMessage.ToDriver.Handler {
    private final StatementRunner runner;
    private final StatementLedger ledger;
    private final JobRunner jobs;
    private final Consumer<DriverMessage.AddResource> files;
    private final Interpreters interpreters;
    private final Executor completions;
    private final Consumer<DriverMessage.FromDriver> server;
    private final Runnable stop;
    private final IntConsumer bind;

    /**
     * @param completions where completions run: never on the statement thread, and never on the reader thread,
     *                    so that a slow completion does not hold up cancels
     * @param server      where answers go (the server channel)
     * @param stop        ends the driver's receive loop
     * @param bind        makes a pooled driver the session's and reports it ready again
     */
    ServerRequests(StatementRunner runner, StatementLedger ledger, JobRunner jobs,
            Consumer<DriverMessage.AddResource> files, Interpreters interpreters,
            Executor completions, Consumer<DriverMessage.FromDriver> server, Runnable stop, IntConsumer bind) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.jobs = Objects.requireNonNull(jobs, "jobs");
        this.files = Objects.requireNonNull(files, "files");
        this.interpreters = Objects.requireNonNull(interpreters, "interpreters");
        this.completions = Objects.requireNonNull(completions, "completions");
        this.server = Objects.requireNonNull(server, "server");
        this.stop = Objects.requireNonNull(stop, "stop");
        this.bind = Objects.requireNonNull(bind, "bind");
    }

    @Override
    public void execute(DriverMessage.Execute execute) {
        ledger.queued(execute.statementId());
        runner.submit(execute);
    }

    @Override
    public void resync(DriverMessage.Resync resync) {
        ledger.answer(resync.statementIds());
    }

    @Override
    public void cancel(DriverMessage.Cancel cancel) {
        runner.cancel(cancel.statementId());
    }

    @Override
    public void complete(DriverMessage.Complete complete) {
        completions.execute(() -> server.accept(new DriverMessage.CompletionResult(complete.requestId(),
                interpreters.complete(complete.kind(), complete.code(), complete.cursor()))));
    }

    @Override
    public void runJob(DriverMessage.RunJob run) {
        jobs.run(run);
    }

    @Override
    public void cancelJob(DriverMessage.CancelJob cancel) {
        jobs.cancel(cancel.jobId());
    }

    @Override
    public void addResource(DriverMessage.AddResource add) {
        files.accept(add);
    }

    @Override
    public void bind(DriverMessage.Bind bind) {
        this.bind.accept(bind.sessionId());
    }

    @Override
    public void shutdown(DriverMessage.Shutdown shutdown) {
        stop.run();
    }
}
