package dev.livy.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRAvailabilityTest {
    @TempDir
    Path root;

    @Test
    void namesEverythingThatIsMissingWithoutThePathsOfTheServer() {
        Path sparkHome = root.resolve("spark");

        String reason = SparkRAvailability.missing(Optional.of(sparkHome), "R", root.resolve("bin").toString())
                .orElseThrow();

        assertEquals("R cannot run on this server: R is not installed (no 'R' command; on Debian or Ubuntu install "
                + "the r-base-core package, or name another R with spark.r.shell.command); and the SparkR package "
                + "is not in the server's Spark installation (PyPI's pyspark does not include it; use an Apache "
                + "Spark distribution, which ships it in R/lib/SparkR, or install SparkR there with R CMD INSTALL "
                + "-l <Spark home>/R/lib).", reason);
        assertFalse(reason.contains(root.toString()), reason);
    }

    @Test
    void withROnThePathOnlySparkRIsMissing() throws IOException {
        Path bin = executableR(root.resolve("bin"));

        String reason = SparkRAvailability.missing(Optional.empty(), "R", "/nonexistent:" + bin).orElseThrow();

        assertEquals("R cannot run on this server: the SparkR package is not in the server's Spark installation "
                + "(PyPI's pyspark does not include it; use an Apache Spark distribution, which ships it in "
                + "R/lib/SparkR, or install SparkR there with R CMD INSTALL -l <Spark home>/R/lib).", reason);
    }

    @Test
    void withRAndAnInstalledSparkRNothingIsMissing() throws IOException {
        Path bin = executableR(root.resolve("bin"));
        Path sparkHome = root.resolve("spark");
        Files.createDirectories(sparkHome.resolve("R/lib/SparkR"));
        Files.writeString(sparkHome.resolve("R/lib/SparkR/DESCRIPTION"), "Package: SparkR\n");

        assertEquals(Optional.empty(), SparkRAvailability.missing(Optional.of(sparkHome), "R", bin.toString()));
        assertEquals(Optional.empty(), SparkRAvailability.missing(Optional.of(sparkHome),
                bin.resolve("R").toString(), ""));
    }

    @Test
    void theConfiguredRWinsOverTheEnvironmentWhichWinsOverR() {
        Map<String, String> environment = Map.of("SPARKR_DRIVER_R", "/opt/r/bin/R");

        assertEquals("/usr/local/bin/R", SparkRAvailability.rCommand(Optional.of("/usr/local/bin/R"), environment));
        assertEquals("/opt/r/bin/R", SparkRAvailability.rCommand(Optional.of(" "), environment));
        assertEquals("R", SparkRAvailability.rCommand(Optional.empty(), Map.of()));
    }

    private static Path executableR(Path bin) throws IOException {
        Files.createDirectories(bin);
        Files.createFile(bin.resolve("R"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        return bin;
    }
}
