package dev.livy.server.batch;

import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.ProcessOutput;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.util.Map;

/**
 * Starts batches: one {@link BatchLauncher} for a server with one Spark, {@link BatchLaunchers} to choose among
 * several Spark homes by the batch's conf. Implementations are thread-safe.
 */
public interface BatchLaunching {
    /** How the batch's application id, UI, state and stop are obtained. */
    ClusterManager cluster();

    /** Starts the batch's spark-submit; the caller owns the returned process. */
    ChildProcess launch(int batchId, NewBatch batch, ProcessOutput output) throws IOException;

    /** Removes the batch's scratch directory. */
    void cleanUp(int batchId);

    /** What the batch's view says, in {@code appInfo}, about the Spark these resources run on. */
    Map<String, String> sparkInfo(SparkResources resources);
}
