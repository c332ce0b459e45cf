package dev.livy.repl;

import java.util.Objects;
import org.apache.spark.SparkContext;

/** The job runner's Spark job groups on the session's SparkContext; interrupts a cancelled job's tasks. */
final class SparkJobsOf implements JobRunner.SparkJobs {
    private final SparkContext context;

    SparkJobsOf(SparkContext context) {
        this.context = Objects.requireNonNull(context, "context");
    }

    @Override
    public void setGroup(String group, String description) {
        context.setJobGroup(group, description, true);
    }

    @Override
    public void clearGroup() {
        context.clearJobGroup();
    }

    @Override
    public void cancelGroup(String group) {
        context.cancelJobGroup(group);
    }
}
