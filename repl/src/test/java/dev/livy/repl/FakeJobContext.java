package dev.livy.repl;

import java.io.File;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.livy.JobContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.hive.HiveContext;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** A job context without Spark: shared objects only; the Spark parts are not there. Thread-safe. */
final class FakeJobContext implements JobContext {
    private final ConcurrentMap<String, Object> shared = new ConcurrentHashMap<>();

    @Override
    public JavaSparkContext sc() {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    @Override
    public SQLContext sqlctx() {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    @Override
    public HiveContext hivectx() {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    @Override
    public JavaStreamingContext streamingctx() {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <E> E getSharedObject(String name) {
        Object value = shared.get(name);
        if (value == null) {
            throw new NoSuchElementException(name);
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
    public void createStreamingContext(long batchDuration) {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    @Override
    public void stopStreamingCtx() {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    @Override
    public File getLocalTmpDir() {
        return new File(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public <E> E sparkSession() {
        throw new UnsupportedOperationException("no Spark in this test");
    }

    /** Spark job groups that record the cancels they were asked for. */
    static final class NoSparkJobs implements JobRunner.SparkJobs {
        final java.util.Set<String> cancelledGroups = ConcurrentHashMap.newKeySet();

        @Override
        public void setGroup(String group, String description) {
        }

        @Override
        public void clearGroup() {
        }

        @Override
        public void cancelGroup(String group) {
            cancelledGroups.add(group);
        }
    }
}
