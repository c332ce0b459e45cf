package dev.livy.repl;

import dev.livy.common.protocol.DriverSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/**
 * What one SQL query costs in a driver JVM of its own (spark-submit, the driver's SparkSession, nothing else
 * running): the driver's {@link SqlInterpreter} and, for comparison, Spark's own {@code spark.sql(q).collectAsList()},
 * in alternating rounds, the first third of each round not counted. Run by {@code bench/sql-line}; see
 * docs/benchmarks.md. Not a test.
 */
public final class SqlLineBench {
    private static final int ROUNDS = 4;

    private SqlLineBench() {
    }

    /** Arguments: the query (default {@code SELECT 1}) and the runs of each kind per round (default 150). */
    public static void main(String[] args) throws IOException {
        String query = args.length > 0 ? args[0] : "SELECT 1";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        Path root = Files.createTempDirectory("livy-sql-line");
        ReplClasses classes = ReplClasses.create(root, Thread.currentThread().getContextClassLoader());
        SparkSession spark = ReplDriver.createSparkSession(classes);
        try {
            spark.sparkContext().setLogLevel("WARN");
            SqlInterpreter interpreter = new SqlInterpreter(spark, DriverSettings.DEFAULTS.sqlNumRows());
            long[] ours = new long[0];
            long[] sparks = new long[0];
            for (int round = 0; round < ROUNDS; round++) {
                ours = BenchTimes.concat(ours, BenchTimes.time(runs, i -> interpreter.execute(i, query)));
                sparks = BenchTimes.concat(sparks, BenchTimes.time(runs, i -> spark.sql(query).collectAsList()));
            }
            BenchTimes.report(query + " in the driver's SQL interpreter", ours);
            BenchTimes.report(query + " as spark.sql(q).collectAsList()", sparks);
        } finally {
            spark.stop();
            classes.close();
        }
    }
}
