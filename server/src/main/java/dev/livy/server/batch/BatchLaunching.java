package dev.livy.server.batch;

import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.DetachedProcesses;
import dev.livy.server.launch.ProcessIdentity;
import dev.livy.server.launch.ProcessOutput;
import dev.livy.server.launch.Reattached;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Starts batches: one {@link BatchLauncher} for a server with one Spark, {@link BatchLaunchers} to choose among
 * several Spark homes by the batch's conf. Implementations are thread-safe.
 */
public interface BatchLaunching {
    /** How the batch's application id, UI, state and stop are obtained. */
    ClusterManager cluster();

    /** Starts the batch's spark-submit; the caller owns the returned process. */
    ChildProcess launch(int batchId, NewBatch batch, ProcessOutput output) throws IOException;

    /** The batch's directory: its properties file and, started detached, its output and exit-code files. */
    Path directory(int batchId);

    /**
     * Finds a batch an earlier server started detached in {@code directory} ({@link DetachedProcesses}); its output
     * so far goes to {@code output}. With recovery off nothing was started detached: it is lost.
     */
    Reattached reattach(Path directory, Optional<ProcessIdentity> identity, ProcessOutput output);

    /** Removes the batch's scratch directory. */
    void cleanUp(int batchId);

    /** What the batch's view says, in {@code appInfo}, about the Spark these resources run on. */
    Map<String, String> sparkInfo(SparkResources resources);
}
