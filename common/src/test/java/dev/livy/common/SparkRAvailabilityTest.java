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
    private static final String NO_SPARKR = "the SparkR package is in none of the places the server looks: the "
            + "Spark installation's R/lib/SparkR or R/lib/sparkr.zip (an Apache Spark distribution ships both; "
            + "PyPI's pyspark neither), or the R library that the server's livy.server.sparkr.library names (";
    @TempDir
    Path root;

    @Test
    void namesEverythingThatIsMissingWithoutThePathsOfTheServer() {
        Path sparkHome = root.resolve("spark");

        String reason = SparkRAvailability.missing(Optional.of(sparkHome), Optional.empty(), "R",
                root.resolve("bin").toString()).orElseThrow();

        assertEquals("R cannot run on this server: R is not installed (no 'R' command; on Debian or Ubuntu install "
                + "the r-base-core package, or name another R with spark.r.shell.command); and " + NO_SPARKR
                + "unset here; install SparkR into it with R CMD INSTALL -l <that library> <SparkR package>).",
                reason);
        assertFalse(reason.contains(root.toString()), reason);
    }

    @Test
    void withROnThePathOnlySparkRIsMissing() throws IOException {
        Path bin = executableR(root.resolve("bin"));

        String reason = SparkRAvailability.missing(Optional.empty(), Optional.of(root.resolve("empty-library")),
                "R", "/nonexistent:" + bin).orElseThrow();

        assertEquals("R cannot run on this server: " + NO_SPARKR + "it holds no SparkR; install SparkR into it with "
                + "R CMD INSTALL -l <that library> <SparkR package>).", reason);
        assertFalse(reason.contains(root.toString()), reason);
    }

    @Test
    void sparkRIsFoundInTheSparkHomesLibraryOrItsZipOrTheConfiguredLibraryInThatOrder() throws IOException {
        Path sparkHome = root.resolve("spark");
        Path configured = root.resolve("site-library");
        installSparkR(configured);
        assertEquals(Optional.empty(), SparkRPackage.find(Optional.of(sparkHome), Optional.empty()));
        assertEquals(Optional.of(new SparkRPackage.InLibrary(configured)),
                SparkRPackage.find(Optional.of(sparkHome), Optional.of(configured)));

        Path zip = Files.createDirectories(sparkHome.resolve("R/lib")).resolve("sparkr.zip");
        Files.write(zip, new byte[] {'P', 'K', 5, 6});
        assertEquals(Optional.of(new SparkRPackage.InZip(zip)),
                SparkRPackage.find(Optional.of(sparkHome), Optional.of(configured)));

        installSparkR(sparkHome.resolve("R/lib"));
        assertEquals(Optional.of(new SparkRPackage.InLibrary(sparkHome.resolve("R/lib"))),
                SparkRPackage.find(Optional.of(sparkHome), Optional.of(configured)));
    }

    @Test
    void aZipOrAConfiguredLibraryIsEnoughForR() throws IOException {
        Path bin = executableR(root.resolve("bin"));
        Path zipOnly = Files.createDirectories(root.resolve("zip-only/R/lib"));
        Files.write(zipOnly.resolve("sparkr.zip"), new byte[] {'P', 'K', 5, 6});
        Path configured = root.resolve("site-library");
        installSparkR(configured);

        assertEquals(Optional.empty(), SparkRAvailability.missing(Optional.of(root.resolve("zip-only")),
                Optional.empty(), "R", bin.toString()));
        assertEquals(Optional.empty(), SparkRAvailability.missing(Optional.of(root.resolve("bare")),
                Optional.of(configured), "R", bin.toString()));
    }

    @Test
    void withRAndAnInstalledSparkRNothingIsMissing() throws IOException {
        Path bin = executableR(root.resolve("bin"));
        Path sparkHome = root.resolve("spark");
        installSparkR(sparkHome.resolve("R/lib"));

        assertEquals(Optional.empty(), SparkRAvailability.missing(Optional.of(sparkHome), Optional.empty(), "R",
                bin.toString()));
        assertEquals(Optional.empty(), SparkRAvailability.missing(Optional.of(sparkHome), Optional.empty(),
                bin.resolve("R").toString(), ""));
    }

    @Test
    void theConfiguredRWinsOverTheEnvironmentWhichWinsOverR() {
        Map<String, String> environment = Map.of("SPARKR_DRIVER_R", "/opt/r/bin/R");

        assertEquals("/usr/local/bin/R", SparkRAvailability.rCommand(Optional.of("/usr/local/bin/R"), environment));
        assertEquals("/opt/r/bin/R", SparkRAvailability.rCommand(Optional.of(" "), environment));
        assertEquals("R", SparkRAvailability.rCommand(Optional.empty(), Map.of()));
    }

    private static void installSparkR(Path library) throws IOException {
        Files.createDirectories(library.resolve("SparkR"));
        Files.writeString(library.resolve("SparkR/DESCRIPTION"), "Package: SparkR\n");
    }

    private static Path executableR(Path bin) throws IOException {
        Files.createDirectories(bin);
        Files.createFile(bin.resolve("R"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        return bin;
    }
}
