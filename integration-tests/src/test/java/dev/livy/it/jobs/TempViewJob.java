package dev.livy.it.jobs;

import org.apache.livy.Job;
import org.apache.livy.JobContext;
import org.apache.spark.sql.SparkSession;

/** Registers {@code 0 until rows} as a temp view of the session's SparkSession, for statements to read. */
public final class TempViewJob implements Job<String> {
    private final String view;
    private final long rows;

    public TempViewJob(String view, long rows) {
        this.view = view;
        this.rows = rows;
    }

    @Override
    public String call(JobContext context) throws Exception {
        SparkSession spark = context.sparkSession();
        spark.range(rows).createOrReplaceTempView(view);
        return view;
    }
}
