package dev.livy.repl;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Task accounting of each statement's Spark jobs: progress is the tasks completed over the tasks of all the
 * statement's jobs so far. A job that ends counts all its tasks as completed, so stages Spark skipped (their
 * output was already computed) do not hold progress below 1. Not thread-safe: {@link ProgressListener} confines it.
 */
final class ProgressTracker {
    private final Map<Integer, Job> jobs = new HashMap<>();
    private final Map<Integer, Integer> jobOfStage = new HashMap<>();
    private final Map<Integer, Totals> statements = new HashMap<>();

    private static final class Job {
        final int statementId;
        final int tasks;
        int completed;

        Job(int statementId, int tasks) {
            this.statementId = statementId;
            this.tasks = tasks;
        }
    }

    private static final class Totals {
        int tasks;
        int completed;
    }

    /** A stage of a starting job and its number of tasks. */
    record Stage(int stageId, int tasks) {
    }

    void jobStarted(int statementId, int jobId, List<Stage> stages) {
        int tasks = stages.stream().mapToInt(Stage::tasks).sum();
        jobs.put(jobId, new Job(statementId, tasks));
        stages.forEach(stage -> jobOfStage.put(stage.stageId(), jobId));
        statements.computeIfAbsent(statementId, id -> new Totals()).tasks += tasks;
    }

    /** Counts a task that succeeded; answers the statement whose progress moved, if any. */
    OptionalInt taskSucceeded(int stageId) {
        Integer jobId = jobOfStage.get(stageId);
        Job job = jobId == null ? null : jobs.get(jobId);
        Totals totals = job == null ? null : statements.get(job.statementId);
        if (totals == null || job.completed >= job.tasks) {
            return OptionalInt.empty();
        }
        job.completed++;
        totals.completed++;
        return OptionalInt.of(job.statementId);
    }

    /** Counts the rest of the job's tasks as completed; answers the job's statement if it is tracked. */
    OptionalInt jobEnded(int jobId) {
        Job job = jobs.remove(jobId);
        if (job == null) {
            return OptionalInt.empty();
        }
        jobOfStage.values().removeIf(id -> id == jobId);
        Totals totals = statements.get(job.statementId);
        if (totals == null) {
            return OptionalInt.empty();
        }
        totals.completed += job.tasks - job.completed;
        return OptionalInt.of(job.statementId);
    }

    /** Completed over total tasks, 0 before the statement's first job; empty for a statement not tracked. */
    OptionalDouble progress(int statementId) {
        Totals totals = statements.get(statementId);
        if (totals == null) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(totals.tasks == 0 ? 0.0 : Math.min(1.0, (double) totals.completed / totals.tasks));
    }

    /** Forgets a finished statement and its jobs. */
    void forget(int statementId) {
        statements.remove(statementId);
        jobs.values().removeIf(job -> job.statementId == statementId);
        jobOfStage.values().removeIf(jobId -> !jobs.containsKey(jobId));
    }
}
