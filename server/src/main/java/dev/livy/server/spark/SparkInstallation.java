package dev.livy.server.spark;

import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.LaunchSpec;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Spark the server runs: its home, and the Spark and Scala versions {@code spark-submit --version} reports. */
public record SparkInstallation(Path home, String sparkVersion, String scalaVersion) {
    private static final Pattern SPARK_VERSION = Pattern.compile("version (\\d+\\.\\d+\\.\\d+\\S*)");
    private static final Pattern SCALA_VERSION = Pattern.compile("Using Scala version (\\d+\\.\\d+)(\\.\\d+)?");
    private static final long VERSION_TIMEOUT_SECONDS = 120;

    /**
     * Runs {@code spark-submit --version} once and checks the result.
     *
     * @throws IllegalStateException with a message for the operator when Spark is missing or unsupported
     */
    public static SparkInstallation detect(Optional<String> configuredHome, ProcessLauncher launcher)
            throws IOException, InterruptedException {
        String homeText = configuredHome.or(() -> Optional.ofNullable(System.getenv("SPARK_HOME")))
                .filter(text -> !text.isBlank())
                .orElseThrow(() -> new IllegalStateException("Spark is not configured: set SPARK_HOME or "
                        + "livy.server.spark-home (bin/livy-server provisions Spark when neither is set)."));
        Path home = Path.of(homeText).toAbsolutePath().normalize();
        Path sparkSubmit = home.resolve("bin").resolve("spark-submit");
        if (!Files.isExecutable(sparkSubmit)) {
            throw new IllegalStateException("No executable spark-submit at " + sparkSubmit
                    + ": SPARK_HOME must point to a Spark installation.");
        }
        LogBuffer output = new LogBuffer(200);
        // A pip-installed spark-submit runs the Spark of SPARK_HOME when it is set: the server's own may be another.
        ChildProcess process = launcher.launch(
                new LaunchSpec(List.of(sparkSubmit.toString(), "--version"), Map.of("SPARK_HOME", home.toString()),
                        home), output);
        int exitCode;
        try {
            exitCode = process.onExit().get(VERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.killTree();
            throw new IllegalStateException("spark-submit --version did not finish: " + e, e);
        }
        String text = String.join("\n", output.lines());
        if (exitCode != 0) {
            throw new IllegalStateException("spark-submit --version failed with exit code " + exitCode + ":\n" + text);
        }
        return fromVersionOutput(home, text);
    }

    static SparkInstallation fromVersionOutput(Path home, String text) {
        Matcher spark = SPARK_VERSION.matcher(text);
        Matcher scala = SCALA_VERSION.matcher(text);
        if (!spark.find() || !scala.find()) {
            throw new IllegalStateException("Cannot read the Spark version from spark-submit --version:\n" + text);
        }
        SparkInstallation installation = new SparkInstallation(home, spark.group(1), scala.group(1));
        installation.requireSupported();
        return installation;
    }

    /** Spark 4.x on Scala 2.13, and Spark 3.5 on Scala 2.12 or 2.13: the Scala versions the driver is built for. */
    void requireSupported() {
        boolean spark4 = sparkVersion.startsWith("4.") && scalaVersion.equals("2.13");
        boolean spark35 = sparkVersion.startsWith("3.5.")
                && (scalaVersion.equals("2.12") || scalaVersion.equals("2.13"));
        if (!spark4 && !spark35) {
            throw new IllegalStateException("Unsupported Spark " + sparkVersion + " (Scala " + scalaVersion
                    + ") at " + home + ": this server supports Spark 4.x (Scala 2.13) and Spark 3.5 (Scala 2.12 "
                    + "or 2.13).");
        }
    }
}
