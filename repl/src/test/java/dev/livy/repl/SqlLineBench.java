package dev.livy.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;
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
            SqlInterpreter interpreter = new SqlInterpreter(spark, 2500);
            long[] ours = new long[0];
            long[] sparks = new long[0];
            for (int round = 0; round < ROUNDS; round++) {
                ours = concat(ours, time(runs, i -> interpreter.execute(i, query)));
                sparks = concat(sparks, time(runs, i -> spark.sql(query).collectAsList()));
            }
            report(query + " in the driver's SQL interpreter", ours);
            report(query + " as spark.sql(q).collectAsList()", sparks);
        } finally {
            spark.stop();
            classes.close();
        }
    }

    private static long[] time(int runs, IntConsumer run) {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            run.accept(i);
            nanos[i] = System.nanoTime() - started;
        }
        return Arrays.copyOfRange(nanos, runs / 3, runs);
    }

    private static long[] concat(long[] first, long[] second) {
        long[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: n %d, p10 %.1f ms, p50 %.1f ms, p90 %.1f ms%n", what, sorted.length,
                millis(sorted, 0.1), millis(sorted, 0.5), millis(sorted, 0.9));
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
