package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Follows the Spark jobs whose job group is a statement id and pushes the statement's progress to the server as
 * its tasks end. Sends at most one message per statement per interval: a change within the interval after a send
 * is sent when the interval ends, by one timer task (there is no polling). Thread-safe.
 */
final class ProgressListener extends SparkListener {
    /** The local property that carries the job group (SparkContext.setJobGroup). */
    static final String JOB_GROUP_PROPERTY = "spark.jobGroup.id";

    /** Runs a task once after a delay. */
    @FunctionalInterface
    interface Timer {
        void schedule(Runnable task, long delayMillis);
    }

    private final Consumer<DriverMessage.FromDriver> server;
    private final Timer timer;
    private final LongSupplier clockMillis;
    private final long intervalMillis;
    private final ProgressTracker tracker = new ProgressTracker();
    private final Map<Integer, Long> lastSent = new HashMap<>();
    private final Set<Integer> timerSet = new HashSet<>();

    ProgressListener(Consumer<DriverMessage.FromDriver> server, Timer timer, LongSupplier clockMillis,
            long intervalMillis) {
        this.server = Objects.requireNonNull(server, "server");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.intervalMillis = intervalMillis;
    }

    @Override
    public void onJobStart(SparkListenerJobStart jobStart) {
        OptionalInt statementId = statementOf(jobStart.properties());
        if (statementId.isPresent()) {
            jobStarted(statementId.getAsInt(), jobStart.jobId(),
                    ScalaCompat.asJava(jobStart.stageInfos()).stream().map(ProgressListener::stage).toList());
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
        if (taskEnd.taskInfo() != null && taskEnd.taskInfo().successful()) {
            taskSucceeded(taskEnd.stageId());
        }
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd jobEnd) {
        jobEnded(jobEnd.jobId());
    }

    synchronized void jobStarted(int statementId, int jobId, List<ProgressTracker.Stage> stages) {
        tracker.jobStarted(statementId, jobId, stages);
    }

    synchronized void taskSucceeded(int stageId) {
        tracker.taskSucceeded(stageId).ifPresent(this::changed);
    }

    synchronized void jobEnded(int jobId) {
        tracker.jobEnded(jobId).ifPresent(this::changed);
    }

    /** Forgets a statement that has finished; its completion message carries progress 1 anyway. */
    synchronized void statementFinished(int statementId) {
        tracker.forget(statementId);
        lastSent.remove(statementId);
        timerSet.remove(statementId);
    }

    /** The statement id of a job group that is one, as the statement runner and the Python interpreter set it. */
    static OptionalInt statementOf(Properties properties) {
        String group = properties == null ? null : properties.getProperty(JOB_GROUP_PROPERTY);
        if (group == null || group.isEmpty() || !group.chars().allMatch(Character::isDigit)) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(group));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    private static ProgressTracker.Stage stage(StageInfo info) {
        return new ProgressTracker.Stage(info.stageId(), info.numTasks());
    }

    // Sending under the lock keeps a statement's messages in the order of its progress.
    private void changed(int statementId) {
        if (timerSet.contains(statementId)) {
            return;
        }
        Long last = lastSent.get(statementId);
        long wait = last == null ? 0 : last + intervalMillis - clockMillis.getAsLong();
        if (wait <= 0) {
            send(statementId);
            return;
        }
        timerSet.add(statementId);
        timer.schedule(() -> timerFired(statementId), wait);
    }

    private synchronized void timerFired(int statementId) {
        if (timerSet.remove(statementId)) {
            send(statementId);
        }
    }

    private void send(int statementId) {
        OptionalDouble progress = tracker.progress(statementId);
        if (progress.isEmpty()) {
            return;
        }
        lastSent.put(statementId, clockMillis.getAsLong());
        server.accept(new DriverMessage.StatementProgress(statementId, progress.getAsDouble()));
    }
}
