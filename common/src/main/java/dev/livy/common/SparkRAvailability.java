package dev.livy.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Says what R statements lack on this machine, if anything: an R executable and the SparkR package where
 * {@link SparkRPackage#find} looks for it (PyPI's pyspark ships none). The server answers
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

    /**
     * What is missing for R, in words for the user, or empty when R can run.
     *
     * @param sparkRLibrary the R library {@link SparkRPackage#LIBRARY_KEY} names, if it is set
     * @param path          the PATH to look for a bare command name on
     */
    public static Optional<String> missing(Optional<Path> sparkHome, Optional<Path> sparkRLibrary, String rCommand,
            String path) {
        List<String> missing = new ArrayList<>();
        if (!executable(rCommand, path)) {
            missing.add("R is not installed (no '" + rCommand + "' command; on Debian or Ubuntu install the "
                    + "r-base-core package, or name another R with " + R_COMMAND_KEY + ")");
        }
        if (SparkRPackage.find(sparkHome, sparkRLibrary).isEmpty()) {
            missing.add("the SparkR package is in none of the places the server looks: the Spark installation's "
                    + "R/lib/SparkR or R/lib/sparkr.zip (an Apache Spark distribution ships both; PyPI's pyspark "
                    + "neither), or the R library that the server's " + SparkRPackage.LIBRARY_KEY + " names ("
                    + (sparkRLibrary.isPresent() ? "it holds no SparkR" : "unset here")
                    + "; install SparkR into it with R CMD INSTALL -l <that library> <SparkR package>)");
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
