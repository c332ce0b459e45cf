package dev.livy.it.jobs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.livy.Job;
import org.apache.livy.JobContext;
import org.apache.spark.SparkFiles;

/** The text of a file added to the session's Spark files, as the driver reads it. */
public final class ReadSparkFileJob implements Job<String> {
    private final String name;

    public ReadSparkFileJob(String name) {
        this.name = name;
    }

    @Override
    public String call(JobContext context) throws Exception {
        return Files.readString(Path.of(SparkFiles.get(name)));
    }
}
