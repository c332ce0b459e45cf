package dev.livy.common.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.livy.common.CodeKind;
import dev.livy.common.JobState;
import java.util.List;

/**
 * Every message on the driver channel, as length-prefixed JSON frames (see {@link FrameCodec}), split by
 * direction: the {@link Handshake} first, then {@link ToDriver} and {@link FromDriver}. Each direction is handled
 * through its own {@code Handler} with one method per message, so a message added to a direction does not compile
 * until the side that receives it handles it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = DriverMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = DriverMessage.Challenge.class, name = "challenge"),
    @JsonSubTypes.Type(value = DriverMessage.Proof.class, name = "proof"),
    @JsonSubTypes.Type(value = DriverMessage.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = DriverMessage.Execute.class, name = "execute"),
    @JsonSubTypes.Type(value = DriverMessage.Cancel.class, name = "cancel"),
    @JsonSubTypes.Type(value = DriverMessage.Complete.class, name = "complete"),
    @JsonSubTypes.Type(value = DriverMessage.Shutdown.class, name = "shutdown"),
    @JsonSubTypes.Type(value = DriverMessage.RunJob.class, name = "run_job"),
    @JsonSubTypes.Type(value = DriverMessage.CancelJob.class, name = "cancel_job"),
    @JsonSubTypes.Type(value = DriverMessage.AddResource.class, name = "add_resource"),
    @JsonSubTypes.Type(value = DriverMessage.Resync.class, name = "resync"),
    @JsonSubTypes.Type(value = DriverMessage.Bind.class, name = "bind"),
    @JsonSubTypes.Type(value = DriverMessage.DriverReady.class, name = "driver_ready"),
    @JsonSubTypes.Type(value = DriverMessage.DriverFailed.class, name = "driver_failed"),
    @JsonSubTypes.Type(value = DriverMessage.StatementStarted.class, name = "statement_started"),
    @JsonSubTypes.Type(value = DriverMessage.StatementProgress.class, name = "statement_progress"),
    @JsonSubTypes.Type(value = DriverMessage.StatementCompleted.class, name = "statement_completed"),
    @JsonSubTypes.Type(value = DriverMessage.StatementCancelled.class, name = "statement_cancelled"),
    @JsonSubTypes.Type(value = DriverMessage.CompletionResult.class, name = "completion_result"),
    @JsonSubTypes.Type(value = DriverMessage.JobStarted.class, name = "job_started"),
    @JsonSubTypes.Type(value = DriverMessage.JobFinished.class, name = "job_finished"),
    @JsonSubTypes.Type(value = DriverMessage.StatementUnknown.class, name = "statement_unknown"),
    @JsonSubTypes.Type(value = DriverMessage.DriverOutput.class, name = "driver_output"),
})
public sealed interface DriverMessage {

    /**
     * The challenge-response that opens a connection, before either direction carries anything else: it proves to
     * each side that the other knows the session secret without sending it.
     */
    sealed interface Handshake extends DriverMessage {
    }

    /** What the server sends a driver once the handshake is done. */
    sealed interface ToDriver extends DriverMessage {
        void accept(Handler handler);

        /** The driver's side: one method per message the server sends. */
        interface Handler {
            void execute(Execute execute);

            void cancel(Cancel cancel);

            void complete(Complete complete);

            void shutdown(Shutdown shutdown);

            void runJob(RunJob run);

            void cancelJob(CancelJob cancel);

            void addResource(AddResource add);

            void resync(Resync resync);

            void bind(Bind bind);
        }
    }

    /** What a driver sends the server once the handshake is done. */
    sealed interface FromDriver extends DriverMessage {
        void accept(Handler handler);

        /** The server's side: one method per message a driver sends. */
        interface Handler {
            void driverReady(DriverReady ready);

            void driverFailed(DriverFailed failed);

            void statementStarted(StatementStarted started);

            void statementProgress(StatementProgress progress);

            void statementCompleted(StatementCompleted completed);

            void statementCancelled(StatementCancelled cancelled);

            void completionResult(CompletionResult result);

            void jobStarted(JobStarted started);

            void jobFinished(JobFinished finished);

            void statementUnknown(StatementUnknown unknown);

            void driverOutput(DriverOutput output);
        }
    }

    /** Driver → server, first frame: which session this driver is, and a nonce the server must answer. */
    record Hello(int sessionId, String driverNonce) implements Handshake {
    }

    /** Server → driver: the server's proof for the driver's nonce, and a nonce for the driver. */
    record Challenge(String serverProof, String serverNonce) implements Handshake {
    }

    /** Driver → server: the driver's proof for the server's nonce. */
    record Proof(String driverProof) implements Handshake {
    }

    /** Server → driver: the handshake succeeded. */
    record Welcome() implements Handshake {
    }

    /** Server → driver: queue this statement. */
    record Execute(int statementId, CodeKind kind, String code) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.execute(this);
        }
    }

    /** Server → driver: drop the statement if it waits, interrupt it if it runs. */
    record Cancel(int statementId) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.cancel(this);
        }
    }

    /** Server → driver: completion candidates for code at cursor; answered by {@link CompletionResult}. */
    record Complete(long requestId, CodeKind kind, String code, int cursor) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.complete(this);
        }
    }

    /** Server → driver: stop the SparkContext and exit. */
    record Shutdown() implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.shutdown(this);
        }
    }

    /** Driver → server: the SparkSession and the session's interpreter are ready. */
    record DriverReady(String appId, String sparkUiUrl) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.driverReady(this);
        }
    }

    /** Driver → server: the driver cannot start; it exits after sending this. */
    record DriverFailed(String reason) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.driverFailed(this);
        }
    }

    record StatementStarted(int statementId) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.statementStarted(this);
        }
    }

    record StatementProgress(int statementId, double progress) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.statementProgress(this);
        }
    }

    /** Driver → server: the statement finished with this output. */
    record StatementCompleted(int statementId, StatementOutput output) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.statementCompleted(this);
        }
    }

    record StatementCancelled(int statementId) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.statementCancelled(this);
        }
    }

    record CompletionResult(long requestId, List<String> candidates) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.completionResult(this);
        }
    }

    /**
     * Server → driver: run a job of Livy's programmatic API. {@code job} is the {@code org.apache.livy.Job} as
     * Livy's client serialized it (Kryo), in base64; only the driver deserializes it.
     */
    record RunJob(long jobId, String job) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.runJob(this);
        }
    }

    /** Server → driver: drop the job if it waits, cancel its Spark jobs and interrupt it if it runs. */
    record CancelJob(long jobId) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.cancelJob(this);
        }
    }

    /**
     * Server → driver: add a file to the session: a jar to the jobs' class path and Spark's, a file or Python file
     * to Spark's files. {@code uri} is a local path (an upload in the session's directory) or a URI Spark reads.
     */
    record AddResource(ResourceKind kind, String uri) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.addResource(this);
        }
    }

    /** Driver → server: the job left the queue and runs. */
    record JobStarted(long jobId) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.jobStarted(this);
        }
    }

    /**
     * Driver → server: the job ended: {@code SUCCEEDED} with its result serialized the way the client reads it
     * (base64), {@code FAILED} with its exception and stack trace, or {@code CANCELLED}.
     */
    record JobFinished(long jobId, JobState state, String result, String error) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.jobFinished(this);
        }
    }

    /**
     * Server → driver, first after a reconnect to a restarted server: the statements the server still has as
     * waiting or running. The driver answers each from its own record: {@link StatementCompleted} (or
     * {@link StatementCancelled}) for one that ended meanwhile, {@link StatementStarted} for one that runs, nothing
     * for one still queued, and {@link StatementUnknown} for one it never received, which the server sends again.
     */
    record Resync(List<Integer> statementIds) implements ToDriver {
        public Resync {
            statementIds = List.copyOf(statementIds);
        }

        @Override
        public void accept(ToDriver.Handler handler) {
            handler.resync(this);
        }
    }

    /**
     * Server → a pooled driver: a session took it. From now on the driver is that session's (it reconnects, with
     * recovery on, as that session) and it answers with {@link DriverReady} again, which makes the session idle.
     */
    record Bind(int sessionId) implements ToDriver {
        @Override
        public void accept(ToDriver.Handler handler) {
            handler.bind(this);
        }
    }

    /** Driver → server, answering {@link Resync}: the driver never received this statement. */
    record StatementUnknown(int statementId) implements FromDriver {
        @Override
        public void accept(FromDriver.Handler handler) {
            handler.statementUnknown(this);
        }
    }

    /**
     * Driver → server, from a driver in cluster mode, whose output does not pass through the server's spark-submit:
     * lines it wrote to {@code stream} ({@link #STDOUT} or {@link #STDERR}) since the last such message, and how many
     * more it dropped to stay within its bounds.
     */
    record DriverOutput(String stream, List<String> lines, int dropped) implements FromDriver {
        public static final String STDOUT = "stdout";
        public static final String STDERR = "stderr";

        public DriverOutput {
            lines = List.copyOf(lines);
        }

        @Override
        public void accept(FromDriver.Handler handler) {
            handler.driverOutput(this);
        }
    }
}
