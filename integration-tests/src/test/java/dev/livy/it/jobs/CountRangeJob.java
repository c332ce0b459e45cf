package dev.livy.it.jobs;

import org.apache.livy.Job;
import org.apache.livy.JobContext;

/** Counts {@code 0 until size} as an RDD of the session's SparkContext, in four partitions. */
public final class CountRangeJob implements Job<Long> {
    private final long size;

    public CountRangeJob(long size) {
        this.size = size;
    }

    @Override
    public Long call(JobContext context) {
        return context.sc().sc().range(0, size, 1, 4).count();
    }
}
