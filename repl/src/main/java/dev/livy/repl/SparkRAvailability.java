package dev.livy.repl;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Says why R statements cannot run here: an R executable on the PATH and the SparkR package in the Spark home
 * are both needed, and PyPI's pyspark ships no SparkR. The bridge itself (R through Spark's RBackend) is not built
 * yet, so with both present the answer says that. Stateless.
 */
final class SparkRAvailability {
    private SparkRAvailability() {
    }

    /** The reason R cannot run, naming what is missing. */
    static String reason(Optional<Path> sparkHome, String path) {
        List<String> missing = new ArrayList<>();
        if (!onPath("R", path)) {
            missing.add("R is not installed (no R executable on the PATH)");
        }
        Optional<Path> sparkR = sparkHome.map(home -> home.resolve("R").resolve("lib").resolve("SparkR"));
        if (sparkR.isEmpty() || !Files.isDirectory(sparkR.get())) {
            missing.add("the SparkR package is not in the Spark home ("
                    + sparkR.map(Path::toString).orElse("SPARK_HOME is not set")
                    + "; PyPI's pyspark does not ship it, Spark's own distributions do)");
        }
        if (missing.isEmpty()) {
            return "R statements are not supported by this server yet.";
        }
        return "R statements cannot run: " + String.join("; and ", missing) + ".";
    }

    static String reason() {
        return reason(Optional.ofNullable(System.getenv("SPARK_HOME")).map(Path::of),
                Optional.ofNullable(System.getenv("PATH")).orElse(""));
    }

    private static boolean onPath(String executable, String path) {
        for (String directory : path.split(File.pathSeparator)) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, executable))) {
                return true;
            }
        }
        return false;
    }
}
