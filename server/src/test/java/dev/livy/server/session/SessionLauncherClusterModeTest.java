package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.launch.DriverClassArchive;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.standalone.FakeStandaloneMaster;
import dev.livy.server.standalone.StandaloneClusterManager;
import dev.livy.server.standalone.StandaloneDriverPoller;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a driver finds its launch config: beside the server in client mode, shipped with it in cluster mode. */
class SessionLauncherClusterModeTest {
    private static final String SECRET = "s3cr3t-of-the-session";

    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();

    @Test
    void inClusterModeTheConfigTravelsWithTheApplicationAndTheArgumentIsItsName() throws Exception {
        Path userFile = Files.writeString(workDirectory.resolve("lookup.csv"), "a,b\n");
        SparkResources resources = SparkResources.named("etl").withFile(userFile.toString());

        launcher("cluster").launch(3, SessionKind.PYSPARK, SECRET, resources, new LogBuffer(10));

        List<String> argv = processes.launched().get(0).argv();
        Path configFile = workDirectory.resolve("session-3").resolve("driver-launch.json");
        assertEquals(userFile + "," + configFile, argv.get(argv.indexOf("--files") + 1));
        assertEquals("driver-launch.json", argv.get(argv.size() - 1));
        assertTrue(Files.readString(configFile).contains(SECRET));
        assertFalse(String.join(" ", argv).contains(SECRET), "the secret is not on the command line");
    }

    @Test
    void inClientModeTheArgumentIsTheConfigsPathAndNothingIsShipped() throws Exception {
        launcher("client").launch(4, SessionKind.SPARK, SECRET, SparkResources.named("etl"), new LogBuffer(10));

        List<String> argv = processes.launched().get(0).argv();
        assertFalse(argv.contains("--files"));
        assertEquals(workDirectory.resolve("session-4").resolve("driver-launch.json").toString(),
                argv.get(argv.size() - 1));
    }

    @Test
    void onYarnEverySessionGetsPysparksArchivesAndOneAttemptUnlessTheUserSaysOtherwise() throws Exception {
        launcher("client").launch(5, SessionKind.SPARK, SECRET, SparkResources.named("a"), new LogBuffer(10));
        SparkResources optedOut = new SparkResources("b", null, List.of(), List.of(), List.of(), List.of(), null,
                null, null, null, null, null, Map.of("spark.yarn.isPython", "false"));
        launcher("client").launch(6, SessionKind.SPARK, SECRET, optedOut, new LogBuffer(10));

        assertTrue(properties(5).contains("spark.yarn.isPython=true"), properties(5));
        assertTrue(properties(5).contains("spark.yarn.maxAppAttempts=1"), properties(5));
        assertTrue(properties(6).contains("spark.yarn.isPython=false"), properties(6));
    }

    @Test
    void onAStandaloneMasterInClusterModeTheDriverReadsTheConfigAtItsPathAndSparkSubmitFollowsTheDriver()
            throws Exception {
        SessionLauncher standalone = new SessionLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                Path.of("/opt/spark"), "spark://127.0.0.1:7077", "cluster"), processes, workDirectory),
                Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000, DriverSettings.DEFAULTS,
                DriverClassArchive.disabled(), new StandaloneClusterManager("spark://127.0.0.1:7077",
                new StandaloneDriverPoller(new FakeStandaloneMaster(), Duration.ofSeconds(1), Duration.ofMinutes(2))));

        standalone.launch(7, SessionKind.PYSPARK, SECRET, SparkResources.named("etl"), new LogBuffer(10));

        List<String> argv = processes.launched().get(0).argv();
        Path configFile = workDirectory.resolve("session-7").resolve("driver-launch.json");
        assertFalse(argv.contains("--files"), "a standalone master ships no files to the driver: " + argv);
        assertEquals(configFile.toString(), argv.get(argv.size() - 1));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(configFile));
        assertFalse(String.join(" ", argv).contains(SECRET), "the secret is not on the command line");
        assertFalse(properties(7).contains(SECRET), "nor in the properties the driver's command line gets");
        assertTrue(properties(7).contains("spark.standalone.submit.waitAppCompletion=true"), properties(7));
    }

    private String properties(int sessionId) throws Exception {
        return Files.readString(workDirectory.resolve("session-" + sessionId)
                .resolve(SparkApplicationLauncher.PROPERTIES_FILE));
    }

    private SessionLauncher launcher(String deployMode) {
        return new SessionLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(Path.of("/opt/spark"), "yarn",
                deployMode), processes, workDirectory), Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000,
                DriverSettings.DEFAULTS);
    }
}
