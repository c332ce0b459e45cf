package dev.livy.repl;

import org.apache.spark.api.r.RAuthHelper;
import org.apache.spark.api.r.RBackend;
import scala.Tuple2;

/**
 * Spark's own R backend ({@code org.apache.spark.api.r.RBackend}) in the driver JVM: SparkR in an R process
 * connects to it on the loopback interface with its secret and then calls into this JVM, so R works on the
 * driver's SparkContext and SparkSession. The backend serves on its own Netty threads once started; nothing waits on
 * it. Thread-safe.
 */
final class SparkRBackend implements AutoCloseable {
    private final RBackend backend;
    private final int port;
    private final String secret;

    private SparkRBackend(RBackend backend, int port, String secret) {
        this.backend = backend;
        this.port = port;
        this.secret = secret;
    }

    /** Starts listening; call once the SparkContext exists, whose settings the backend reads. */
    static SparkRBackend start() {
        RBackend backend = new RBackend();
        Tuple2<Object, RAuthHelper> started = backend.init();
        return new SparkRBackend(backend, (Integer) started._1(), started._2().secret());
    }

    int port() {
        return port;
    }

    /** What SparkR must present; for the R process's environment only, never a command line or a log. */
    String secret() {
        return secret;
    }

    @Override
    public void close() {
        backend.close();
    }
}
