package dev.livy.it.jobs;

import org.apache.livy.Job;
import org.apache.livy.JobContext;

/** How many Spark jobs the session's SparkContext is running, this one's own work aside (it starts none). */
public final class ActiveSparkJobsJob implements Job<Integer> {
    @Override
    public Integer call(JobContext context) {
        return context.sc().statusTracker().getActiveJobIds().length;
    }
}
