package dev.livy.it.jobs;

import org.apache.livy.Job;
import org.apache.livy.JobContext;

/** {@code left + right}, computed in the driver. */
public final class AddJob implements Job<Integer> {
    private final int left;
    private final int right;

    public AddJob(int left, int right) {
        this.left = left;
        this.right = right;
    }

    @Override
    public Integer call(JobContext context) {
        return left + right;
    }
}
