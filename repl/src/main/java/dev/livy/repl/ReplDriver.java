package dev.livy.repl;

import dev.livy.common.protocol.DriverLaunchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REPL driver: the main class spark-submit runs for an interactive session. It connects back to the server,
 * builds the session's one SparkSession (starting the session's own interpreter meanwhile), reports ready, then
 * runs statements and answers completions until the server asks it to stop or goes away. Every interpreter
 * (Python, Scala, SQL) works on that one SparkSession; those of other kinds start on their first statement.
 * What the driver runs on is built, served and closed by {@link DriverRuntime}.
 */
public final class ReplDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplDriver.class);
    private static final String REPL_CLASS_OUTPUT_DIR = "spark.repl.class.outputDir";

    private ReplDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ReplDriver <launch config file>");
            System.exit(2);
        }
        Path configFile = Path.of(args[0]);
        DriverLaunchConfig config = DriverLaunchConfig.readFrom(configFile);
        Files.deleteIfExists(configFile);
        LOG.info("Starting the REPL driver: {}", config);
        boolean clusterMode = "cluster".equals(System.getProperty("spark.submit.deployMode"));
        int exitCode;
        try (ServerChannel channel = ServerChannel.connect(config);
                DriverOutputForwarder output = DriverOutputForwarder.installIf(clusterMode, channel::send);
                DriverRuntime runtime = new DriverRuntime(config, channel)) {
            exitCode = runtime.run();
        }
        // In cluster mode Spark's application master runs this method: returning lets it report success to the
        // cluster manager, where System.exit would count as a failure.
        if (exitCode == 0 && clusterMode) {
            return;
        }
        System.exit(exitCode);
    }

    /**
     * Builds the session's one SparkSession. The REPL class directory is set before the SparkContext exists, so the
     * context serves it to executors; and the REPL class loader is the context loader meanwhile, so local executors
     * load the interpreter's classes through it instead of defining copies of their own.
     */
    static SparkSession createSparkSession(ReplClasses replClasses) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(replClasses.classLoader());
        try {
            return SparkSession.builder()
                    .config(REPL_CLASS_OUTPUT_DIR, replClasses.directory().toString())
                    .getOrCreate();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
