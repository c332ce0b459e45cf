package dev.livy.repl;

import dev.livy.common.SparkRAvailability;
import dev.livy.common.SparkRPackage;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;

/** How the R process is started: which R, its arguments and the environment that binds SparkR to the driver. */
final class REnvironment {
    private REnvironment() {
    }

    /** {@code spark.r.shell.command}, else {@code SPARKR_DRIVER_R}, else {@code R}. */
    static String rCommand(SparkConf conf) {
        return SparkRAvailability.rCommand(Optional.ofNullable(conf.get(SparkRAvailability.R_COMMAND_KEY, null)),
                System.getenv());
    }

    /**
     * What R lacks in this driver, in the words the server also uses; empty when R can run.
     *
     * @param configuredLibrary the R library the server's {@code livy.server.sparkr.library} names, if set
     */
    static Optional<String> missing(SparkConf conf, Optional<Path> configuredLibrary) {
        return SparkRAvailability.missing(sparkHome(), configuredLibrary, rCommand(conf),
                Optional.ofNullable(System.getenv("PATH")).orElse(""));
    }

    /** Where SparkR is for this driver's Spark home. */
    static Optional<SparkRPackage> sparkR(Optional<Path> configuredLibrary) {
        return SparkRPackage.find(sparkHome(), configuredLibrary);
    }

    static Optional<Path> sparkHome() {
        return Optional.ofNullable(System.getenv("SPARK_HOME")).filter(home -> !home.isBlank()).map(Path::of);
    }

    /** R reads the program from a file, so its stdin stays free for requests. */
    static List<String> command(String rCommand, Path script) {
        return List.of(rCommand, "--no-save", "--no-restore", "--quiet", "--no-echo", "-f", script.toString());
    }

    /**
     * The backend's port and secret go in the environment, where SparkR reads them and where only this user can
     * read them back (not on the command line, which every user sees).
     */
    static Map<String, String> variables(int backendPort, String backendSecret, Path scratch, String marker,
            long maxOutputBytes, Path sparkRLibrary) {
        Map<String, String> variables = new HashMap<>();
        variables.put("EXISTING_SPARKR_BACKEND_PORT", Integer.toString(backendPort));
        variables.put("SPARKR_BACKEND_AUTH_SECRET", backendSecret);
        variables.put("LIVY_R_MARKER", marker);
        variables.put("LIVY_R_SCRATCH", scratch.toString());
        variables.put("LIVY_REPL_MAX_OUTPUT_SIZE", Long.toString(maxOutputBytes));
        variables.put("LIVY_SPARKR_LIB", sparkRLibrary.toString());
        String language = System.getenv("LANG");
        if (language == null || !language.toUpperCase().contains("UTF-8")) {
            // Otherwise R prints non-ASCII text as <U+00E9> escapes.
            variables.put("LANG", "C.UTF-8");
        }
        return Map.copyOf(variables);
    }
}
