package dev.livy.repl;

import java.io.File;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.livy.JobContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.hive.HiveContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * What a job of Livy's programmatic API runs against: the session's one SparkSession (the one statements use, so
 * a temp view made by a job is visible to SQL statements), its SparkContext and SQL context, and objects jobs share
 * by name. Thread-safe: jobs run concurrently.
 */
final class LivyJobContext implements JobContext {
    private final SparkSession spark;
    private final JavaSparkContext context;
    private final File localTmpDir;
    private final ConcurrentMap<String, Object> shared = new ConcurrentHashMap<>();
    private JavaStreamingContext streaming;

    LivyJobContext(SparkSession spark, File localTmpDir) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        this.localTmpDir = Objects.requireNonNull(localTmpDir, "localTmpDir");
    }

    @Override
    public JavaSparkContext sc() {
        return context;
    }

    @Override
    public SQLContext sqlctx() {
        return spark.sqlContext();
    }

    /** Spark 4 builds Hive support into the SparkSession; the old entry point is not offered. */
    @Override
    public HiveContext hivectx() {
        throw new UnsupportedOperationException("HiveContext is not available: use sparkSession() (Hive support is "
                + "part of the SparkSession when the session enables it).");
    }

    @Override
    public synchronized JavaStreamingContext streamingctx() {
        if (streaming == null) {
            throw new IllegalStateException("No streaming context: call createStreamingContext first.");
        }
        return streaming;
    }

    @Override
    public synchronized void createStreamingContext(long batchDuration) {
        if (streaming != null) {
            throw new IllegalStateException("A streaming context exists already.");
        }
        streaming = new JavaStreamingContext(context, Durations.milliseconds(batchDuration));
    }

    @Override
    public synchronized void stopStreamingCtx() {
        if (streaming == null) {
            throw new IllegalStateException("No streaming context to stop.");
        }
        streaming.stop(false);
        streaming = null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> E getSharedObject(String name) throws NoSuchElementException {
        Object value = shared.get(name);
        if (value == null) {
            throw new NoSuchElementException("No shared object named '" + name + "'.");
        }
        return (E) value;
    }

    @Override
    public <E> void setSharedObject(String name, E object) {
        shared.put(name, object);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> E removeSharedObject(String name) {
        return (E) shared.remove(name);
    }

    @Override
    public File getLocalTmpDir() {
        return localTmpDir;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> E sparkSession() {
        return (E) spark;
    }
}
