package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRAvailabilityTest {
    @TempDir
    Path root;

    @Test
    void namesEverythingThatIsMissing() {
        Path sparkHome = root.resolve("spark");

        assertEquals("R statements cannot run: R is not installed (no R executable on the PATH); and the SparkR "
                + "package is not in the Spark home (" + sparkHome.resolve("R/lib/SparkR") + "; PyPI's pyspark "
                + "does not ship it, Spark's own distributions do).",
                SparkRAvailability.reason(Optional.of(sparkHome), root.resolve("bin").toString()));
    }

    @Test
    void withROnThePathOnlySparkRIsMissing() throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.createFile(bin.resolve("R"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));

        assertEquals("R statements cannot run: the SparkR package is not in the Spark home (SPARK_HOME is not "
                + "set; PyPI's pyspark does not ship it, Spark's own distributions do).",
                SparkRAvailability.reason(Optional.empty(), "/nonexistent:" + bin));
    }
}
