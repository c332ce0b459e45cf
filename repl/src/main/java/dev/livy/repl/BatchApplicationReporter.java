package dev.livy.repl;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerApplicationStart;

/**
 * Added by the server to a batch's driver (client mode) as a Spark listener: prints the application id on the
 * driver's stderr as soon as Spark has one, which the server reads from the batch log. Local-mode applications
 * log their id nowhere else.
 */
public final class BatchApplicationReporter extends SparkListener {
    static final String MARKER = "livy-batch-application-id: ";

    @Override
    public void onApplicationStart(SparkListenerApplicationStart applicationStart) {
        if (applicationStart.appId().isDefined()) {
            System.err.println(MARKER + applicationStart.appId().get());
        }
    }
}
