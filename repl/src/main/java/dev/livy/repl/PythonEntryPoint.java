package dev.livy.repl;

import java.util.concurrent.CompletableFuture;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * What the Python interpreter reaches through py4j ({@code gateway.entry_point}): the driver's one SparkSession,
 * so Python wraps the same JVM objects as every other interpreter. Public for py4j's reflection.
 */
public final class PythonEntryPoint {
    private final CompletableFuture<SparkSession> session;

    PythonEntryPoint(CompletableFuture<SparkSession> session) {
        this.session = session;
    }

    public SparkSession sparkSession() {
        return session.join();
    }

    public JavaSparkContext javaSparkContext() {
        return JavaSparkContext.fromSparkContext(session.join().sparkContext());
    }
}
