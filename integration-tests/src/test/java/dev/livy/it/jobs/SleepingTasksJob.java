package dev.livy.it.jobs;

import java.util.List;
import org.apache.livy.Job;
import org.apache.livy.JobContext;

/** A Spark job whose two tasks each sleep for ten minutes: it ends only when cancelled. */
public final class SleepingTasksJob implements Job<Long> {
    @Override
    public Long call(JobContext context) {
        return context.sc().parallelize(List.of(1, 2), 2).map(value -> {
            Thread.sleep(600_000);
            return value;
        }).count();
    }
}
