package dev.livy.server.standalone;

import dev.livy.server.launch.LaunchSpec;
import dev.livy.server.launch.ProcessLauncher;
import dev.livy.server.launch.ProcessOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a cluster-mode driver through the master's RPC port, as Spark's own client does: {@code bin/spark-class
 * org.apache.spark.deploy.Client kill <master> <driver-id>}, an argv. Not {@code spark-submit --kill}, which on a
 * standalone master needs its REST submission server (off by default), nor the web UI's kill button (a CSRF token
 * guards it). The command runs detached from the caller; its output goes to the server's log. Thread-safe
 * (immutable).
 */
public final class DriverKillCommand {
    private static final Logger LOG = LoggerFactory.getLogger(DriverKillCommand.class);

    private final Path sparkHome;
    private final Map<String, String> environment;
    private final String master;
    private final ProcessLauncher launcher;

    /**
     * @param environment added to the server's for the command: the Spark home's ({@code SPARK_HOME})
     * @param master      {@code livy.spark.master}
     */
    public DriverKillCommand(Path sparkHome, Map<String, String> environment, String master,
            ProcessLauncher launcher) {
        this.sparkHome = Objects.requireNonNull(sparkHome, "sparkHome");
        this.environment = Map.copyOf(environment);
        this.master = Objects.requireNonNull(master, "master");
        this.launcher = Objects.requireNonNull(launcher, "launcher");
    }

    /** The command that kills the driver: pure. */
    List<String> argv(String driverId) {
        return List.of(sparkHome.resolve("bin/spark-class").toString(), "org.apache.spark.deploy.Client", "kill",
                master, driverId);
    }

    /** Starts the kill and returns; the master lists the driver KILLED once it is done. */
    public void kill(String driverId) throws IOException {
        launcher.launch(new LaunchSpec(argv(driverId), environment, Path.of(System.getProperty("java.io.tmpdir"))),
                new LoggedOutput(driverId)).onExit().thenAccept(exitCode -> LOG.info(
                        "The kill of Spark driver {} exited with code {}", driverId, exitCode));
    }

    private record LoggedOutput(String driverId) implements ProcessOutput {
        @Override
        public void appendStdout(String line) {
            LOG.debug("kill {}: {}", driverId, line);
        }

        @Override
        public void appendStderr(String line) {
            LOG.debug("kill {}: {}", driverId, line);
        }
    }
}
