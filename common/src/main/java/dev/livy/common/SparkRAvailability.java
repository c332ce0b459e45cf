package dev.livy.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Says what R statements lack on this machine, if anything: an R executable and the SparkR package in the Spark
 * home ({@code R/lib/SparkR}, where Apache Spark distributions ship it; PyPI's pyspark has none). The server answers
 * a {@code sparkr} session with it and the driver an R statement, in the same words; the words name no path of this
 * machine, since they go to remote users. Stateless.
 */
public final class SparkRAvailability {
    /** The Spark setting that names the R executable, as in Apache Livy. */
    public static final String R_COMMAND_KEY = "spark.r.shell.command";

    private SparkRAvailability() {
    }

    /**
     * The R executable: {@code spark.r.shell.command} from the session's Spark settings, else the environment's
     * {@code SPARKR_DRIVER_R}, else {@code R} on the PATH.
     */
    public static String rCommand(Optional<String> configured, Map<String, String> environment) {
        return configured.filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment.get("SPARKR_DRIVER_R")).filter(value -> !value.isBlank()))
                .orElse("R");
    }

    /** The R library directory that holds SparkR in a Spark home. */
    public static Path sparkRLibrary(Path sparkHome) {
        return sparkHome.resolve("R").resolve("lib");
    }

    /**
     * What is missing for R, in words for the user, or empty when R can run.
     *
     * @param path the PATH to look for a bare command name on
     */
    public static Optional<String> missing(Optional<Path> sparkHome, String rCommand, String path) {
        List<String> missing = new ArrayList<>();
        if (!executable(rCommand, path)) {
            missing.add("R is not installed (no '" + rCommand + "' command; on Debian or Ubuntu install the "
                    + "r-base-core package, or name another R with " + R_COMMAND_KEY + ")");
        }
        if (sparkHome.isEmpty() || !Files.isRegularFile(sparkRLibrary(sparkHome.get()).resolve("SparkR")
                .resolve("DESCRIPTION"))) {
            missing.add("the SparkR package is not in the server's Spark installation (PyPI's pyspark does not "
                    + "include it; use an Apache Spark distribution, which ships it in R/lib/SparkR, or install "
                    + "SparkR there with R CMD INSTALL -l <Spark home>/R/lib)");
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("R cannot run on this server: " + String.join("; and ", missing) + ".");
    }

    private static boolean executable(String command, String path) {
        if (command.contains(File.separator)) {
            return Files.isExecutable(Path.of(command));
        }
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, command))) {
                return true;
            }
        }
        return false;
    }
}
