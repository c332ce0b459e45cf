package dev.livy.repl;

import java.util.Objects;
import org.apache.spark.SparkContext;

/**
 * Job groups on the driver's SparkContext: the statement id is the group id, with interrupt-on-cancel so that
 * cancelling stops running tasks. The group is a thread-local property of the statement thread, inherited by the
 * threads it starts. Thread-safe.
 */
final class SparkJobGroups implements JobGroups {
    private final SparkContext context;
    private final ProgressListener progress;

    SparkJobGroups(SparkContext context, ProgressListener progress) {
        this.context = Objects.requireNonNull(context, "context");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    @Override
    public void enter(int statementId) {
        context.setJobGroup(Integer.toString(statementId), "Livy statement " + statementId, true);
    }

    @Override
    public void exit(int statementId) {
        context.clearJobGroup();
        progress.statementFinished(statementId);
    }

    @Override
    public void cancel(int statementId) {
        context.cancelJobGroup(Integer.toString(statementId));
    }
}
