package dev.livy.repl;

import dev.livy.common.JobState;
import dev.livy.common.protocol.DriverMessage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.livy.Job;
import org.apache.livy.JobContext;
import org.apache.livy.client.common.Serializer;

/**
 * Runs jobs of Livy's programmatic API: reads each with the client's own serializer (its shaded Kryo), with
 * {@link JobClassLoader} as the class loader so that classes from added jars load, runs it against the
 * {@link JobContext} on its own thread in its own Spark job group, and sends the outcome: the result serialized
 * the same way, or the exception with its stack trace. A result larger than the statement output limit
 * ({@code livy.rsc.statement.max-output-size}, in base64) fails the job instead, since the server keeps results in
 * memory as it keeps outputs. Jobs run concurrently with each other and with statements.
 * Cancelling a job cancels its Spark jobs and interrupts its thread. Thread-safe.
 */
final class JobRunner implements AutoCloseable {
    /** How the runner names and cancels the Spark jobs of a job, on the job's own thread. */
    interface SparkJobs {
        void setGroup(String group, String description);

        void clearGroup();

        void cancelGroup(String group);
    }

    private final JobContext context;
    private final SparkJobs sparkJobs;
    private final Consumer<DriverMessage.FromDriver> server;
    private final long maxResultBytes;
    private final ExecutorService threads;
    private final Serializer serializer = new Serializer();
    private final ConcurrentMap<Long, FutureTask<Void>> active = new ConcurrentHashMap<>();
    private final Set<Long> cancelled = ConcurrentHashMap.newKeySet();

    /** @param maxResultBytes the most a result (in base64) or an error may take; errors are cut there */
    JobRunner(JobClassLoader classes, JobContext context, SparkJobs sparkJobs,
            Consumer<DriverMessage.FromDriver> server, long maxResultBytes) {
        Objects.requireNonNull(classes, "classes");
        this.context = Objects.requireNonNull(context, "context");
        this.sparkJobs = Objects.requireNonNull(sparkJobs, "sparkJobs");
        this.server = Objects.requireNonNull(server, "server");
        this.maxResultBytes = maxResultBytes;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "livy-job-" + count.incrementAndGet());
            thread.setDaemon(true);
            // The client's serializer takes its Kryo's class loader from the thread that first uses it.
            thread.setContextClassLoader(classes);
            return thread;
        });
    }

    void run(DriverMessage.RunJob run) {
        long jobId = run.jobId();
        FutureTask<Void> task = new FutureTask<>(() -> {
            execute(jobId, Base64.getDecoder().decode(run.job()));
            return null;
        });
        active.put(jobId, task);
        threads.execute(task);
    }

    /** Drops a waiting job, or cancels a running one's Spark jobs and interrupts it; reported {@code CANCELLED}. */
    void cancel(long jobId) {
        FutureTask<Void> task = active.remove(jobId);
        if (task == null) {
            return;
        }
        cancelled.add(jobId);
        sparkJobs.cancelGroup(group(jobId));
        task.cancel(true);
        server.accept(new DriverMessage.JobFinished(jobId, JobState.CANCELLED, null, null));
    }

    private void execute(long jobId, byte[] serializedJob) {
        String group = group(jobId);
        try {
            server.accept(new DriverMessage.JobStarted(jobId));
            Job<?> job = (Job<?>) serializer.deserialize(ByteBuffer.wrap(serializedJob));
            sparkJobs.setGroup(group, "Livy job " + jobId);
            Object result = job.call(context);
            String serialized = serialize(result);
            if (serialized.length() > maxResultBytes) {
                report(jobId, new DriverMessage.JobFinished(jobId, JobState.FAILED, null, "The result of job " + jobId
                        + " is " + serialized.length() + " bytes in base64, more than the " + maxResultBytes
                        + " bytes allowed (livy.rsc.statement.max-output-size). Return less, or write large results "
                        + "to storage."));
                return;
            }
            report(jobId, new DriverMessage.JobFinished(jobId, JobState.SUCCEEDED, serialized, null));
        } catch (Throwable e) {
            report(jobId, new DriverMessage.JobFinished(jobId, JobState.FAILED, null, cut(stackTrace(e))));
            if (e instanceof VirtualMachineError error) {
                throw error;
            }
        } finally {
            sparkJobs.clearGroup();
            active.remove(jobId);
        }
    }

    /** A cancelled job's own end (often a failure its cancel caused) is not news: the cancel was reported. */
    private void report(long jobId, DriverMessage.JobFinished outcome) {
        if (!cancelled.remove(jobId)) {
            server.accept(outcome);
        }
    }

    private String serialize(Object result) {
        ByteBuffer buffer = serializer.serialize(result);
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private String cut(String error) {
        if (error.length() <= maxResultBytes) {
            return error;
        }
        return error.substring(0, (int) Math.max(0, maxResultBytes - 20)) + "\n\t... (cut)\n";
    }

    private static String group(long jobId) {
        return "livy-job-" + jobId;
    }

    private static String stackTrace(Throwable e) {
        StringWriter text = new StringWriter();
        e.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
