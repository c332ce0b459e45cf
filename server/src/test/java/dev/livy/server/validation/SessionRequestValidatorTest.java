package dev.livy.server.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionKind;
import dev.livy.common.api.CreateSessionRequest;
import dev.livy.server.error.LivyException;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.spark.SparkInstallation;
import dev.livy.server.spark.TestSparkHomes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRequestValidatorTest {
    private final SessionRequestValidator validator = new SessionRequestValidator(
            new SparkResourcesValidator(new SparkConfBlacklist(List.of("spark.master", "spark.submit.deployMode")),
                    new LocalPathWhitelist(List.of("/srv/jobs"))));

    @Test
    void aSessionMayNameOnlyAConfiguredSpark() {
        SessionRequestValidator withHomes = new SessionRequestValidator(new SparkResourcesValidator(
                new SparkConfBlacklist(List.of()), new LocalPathWhitelist(List.of()),
                Optional.of(TestSparkHomes.twoHomes())));

        assertEquals("3.5", withHomes.validate(request("pyspark", null, Map.of("livy.spark.version", "3.5")), null)
                .resources().conf().get("livy.spark.version"));
        LivyException error = assertThrows(LivyException.class,
                () -> withHomes.validate(request("pyspark", null, Map.of("livy.spark.version", "3.4")), null));
        assertEquals("Unknown Spark '3.4' in conf livy.spark.version; this server has: default (Spark 4.3.0), "
                + "3.5 (Spark 3.5.9).", error.getMessage());
    }

    @Test
    void noKindMeansShared() {
        assertEquals(SessionKind.SHARED, validator.validate(CreateSessionRequest.empty(), null).kind());
    }

    @Test
    void acceptsOldSparkmagicsPyspark3() {
        assertEquals(SessionKind.PYSPARK, validator.validate(request("pyspark3", null, Map.of()), null).kind());
    }

    @Test
    void runsAsTheProxyUserTheImpersonationRuleChose() {
        CreateSessionRequest request = new CreateSessionRequest(null, "alice", null, null, null, null, null, null,
                null, null, null, null, null, null, 30, null, null);

        NewSession session = validator.validate(request, "bob");

        assertEquals("bob", session.proxyUser());
        assertEquals("bob", session.resources().proxyUser());
        assertEquals(Optional.of(Duration.ofSeconds(30)), session.heartbeatTimeout());
    }

    @Test
    void rejectsWhatCannotBeRun() {
        assertMessage("Invalid kind 'scala'; valid kinds: spark, pyspark, sparkr, sql, shared.",
                request("scala", null, Map.of()));
        assertMessage("Blacklisted configuration values in session config: spark.master, spark.submit.deployMode.",
                request(null, null, Map.of("spark.submit.deployMode", "cluster", "spark.master", "yarn",
                        "spark.ok", "1")));
        assertMessage("Invalid session name '123': a name must not be empty, all digits, or contain '/'.",
                request(null, "123", Map.of()));
        assertMessage("Field 'driverMemory' must be a memory size such as 512m or 2g, not 'lots'.",
                new CreateSessionRequest(null, null, null, null, null, "lots", null, null, null, null, null, null,
                        null, null, null, null, null));
        assertMessage("Field 'numExecutors' must be a positive integer.",
                new CreateSessionRequest(null, null, null, null, null, null, null, null, null, -1, null, null,
                        null, null, null, null, null));
        assertMessage("Field 'ttl' must be a duration such as 90s, 30m or 2h, not 'forever'.",
                new CreateSessionRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, "forever", null));
        assertMessage("Field 'heartbeatTimeoutInSecond' must not be negative.",
                new CreateSessionRequest(null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, -1, null, null));
    }

    @Test
    void refusesAnRSessionWhereRCannotRunSayingWhatIsMissing(@TempDir Path sparkHome) throws IOException {
        Path bin = Files.createDirectories(sparkHome.resolve("bin"));
        Files.createFile(bin.resolve("R"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        SessionRequestValidator checking = new SessionRequestValidator(new SparkResourcesValidator(
                new SparkConfBlacklist(List.of()), new LocalPathWhitelist(List.of())),
                SparkRSupport.of(TestSparkHomes.one(sparkHome, TestSparkHomes.JAR_213), Optional.empty(),
                        Map.of("PATH", bin.toString())));

        LivyException refused = assertThrows(LivyException.class,
                () -> checking.validate(request("sparkr", null, Map.of()), null));
        assertEquals(400, refused.code().status());
        assertTrue(refused.getMessage().startsWith("R cannot run on this server: the SparkR package is in none of "
                + "the places the server looks"), refused.getMessage());
        assertFalse(refused.getMessage().contains(sparkHome.toString()), refused.getMessage());
        assertTrue(assertThrows(LivyException.class, () -> checking.validate(request("sparkr", null,
                Map.of("spark.r.shell.command", "/no/R")), null)).getMessage().contains(
                "R is not installed (no '/no/R' command"));
        assertEquals(SessionKind.PYSPARK, checking.validate(request("pyspark", null, Map.of()), null).kind());

        Files.createDirectories(sparkHome.resolve("R/lib/SparkR"));
        Files.writeString(sparkHome.resolve("R/lib/SparkR/DESCRIPTION"), "Package: SparkR\n");
        assertEquals(SessionKind.SPARKR, checking.validate(request("sparkr", null, Map.of()), null).kind());
    }

    @Test
    void sparkRIsFoundInTheSessionsOwnSparkHomeAsALibraryOrAZipOrInTheConfiguredLibrary(@TempDir Path root)
            throws IOException {
        Path bin = Files.createDirectories(root.resolve("bin"));
        Files.createFile(bin.resolve("R"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path withSparkR = Files.createDirectories(root.resolve("spark-4/R/lib/SparkR"));
        Files.writeString(withSparkR.resolve("DESCRIPTION"), "Package: SparkR\n");
        Path zipOnly = Files.createDirectories(root.resolve("spark-3.5/R/lib"));
        Files.write(zipOnly.resolve("sparkr.zip"), new byte[] {'P', 'K', 5, 6});
        Path bare = Files.createDirectories(root.resolve("spark-bare"));
        SparkHomes homes = new SparkHomes(home(SparkHome.DEFAULT_NAME, root.resolve("spark-4")),
                List.of(home("zip", root.resolve("spark-3.5")), home("bare", bare)));
        Map<String, String> onZip = Map.of("livy.spark.version", "zip");
        Map<String, String> onBare = Map.of("livy.spark.version", "bare");
        Path library = Files.createDirectories(root.resolve("site-library/SparkR")).getParent();
        Files.writeString(library.resolve("SparkR/DESCRIPTION"), "Package: SparkR\n");

        SessionRequestValidator homesOnly = rChecking(SparkRSupport.of(homes, Optional.empty(),
                Map.of("PATH", bin.toString())));
        assertEquals(SessionKind.SPARKR, homesOnly.validate(request("sparkr", null, Map.of()), null).kind());
        assertEquals(SessionKind.SPARKR, homesOnly.validate(request("sparkr", null, onZip), null).kind());
        String refused = assertThrows(LivyException.class,
                () -> homesOnly.validate(request("sparkr", null, onBare), null)).getMessage();
        assertEquals("R cannot run on this server: the SparkR package is in none of the places the server looks: "
                + "the Spark installation's R/lib/SparkR or R/lib/sparkr.zip (an Apache Spark distribution ships "
                + "both; PyPI's pyspark neither), or the R library that the server's livy.server.sparkr.library "
                + "names (unset here; install SparkR into it with R CMD INSTALL -l <that library> <SparkR "
                + "package>).", refused);
        assertFalse(refused.contains(root.toString()), refused);

        SessionRequestValidator withLibrary = rChecking(SparkRSupport.of(homes, Optional.of(library),
                Map.of("PATH", bin.toString())));
        assertEquals(SessionKind.SPARKR, withLibrary.validate(request("sparkr", null, onBare), null).kind());
    }

    private static SessionRequestValidator rChecking(SparkRSupport sparkR) {
        return new SessionRequestValidator(new SparkResourcesValidator(new SparkConfBlacklist(List.of()),
                new LocalPathWhitelist(List.of())), sparkR);
    }

    private static SparkHome home(String name, Path directory) {
        return new SparkHome(name, new SparkInstallation(directory, "4.3.0", "2.13"), TestSparkHomes.JAR_213,
                Map.of("SPARK_HOME", directory.toString()));
    }

    private void assertMessage(String expected, CreateSessionRequest request) {
        assertEquals(expected, assertThrows(LivyException.class, () -> validator.validate(request, null)).getMessage());
    }

    private static CreateSessionRequest request(String kind, String name, Map<String, String> conf) {
        return new CreateSessionRequest(kind, null, null, null, null, null, null, null, null, null, null, null,
                name, conf, null, null, null);
    }
}
