package dev.livy.it.jobs;

import org.apache.livy.Job;
import org.apache.livy.JobContext;

/** Throws, as a job with a bug does. */
public final class FailingJob implements Job<Void> {
    private final String message;

    public FailingJob(String message) {
        this.message = message;
    }

    @Override
    public Void call(JobContext context) {
        throw new IllegalStateException(message);
    }
}
