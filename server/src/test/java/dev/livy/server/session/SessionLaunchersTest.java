package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionKind;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.LaunchSpec;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.spark.TestSparkHomes;
import dev.livy.server.testing.Eventually;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions on a server with two Spark homes: each driver runs on its own Spark with the jar for its Scala. */
class SessionLaunchersTest {
    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private SessionManager manager;

    @BeforeEach
    void createManager() {
        SparkHomes homes = TestSparkHomes.twoHomes();
        Map<String, SessionLauncher> byHome = new HashMap<>();
        for (SparkHome home : homes.all()) {
            byHome.put(home.name(), new SessionLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                    home.installation().home(), "local[*]", "client"), processes, workDirectory, home.environment()),
                    home.replJar(), "127.0.0.1", 4000, DriverSettings.DEFAULTS));
        }
        manager = new SessionManager(new SessionLaunchers(homes, byHome), Clock.systemUTC(), new SessionSettings(50,
                Duration.ofMillis(200), Duration.ofMinutes(10), 2, Duration.ofMillis(50), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 20))));
        manager.start();
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void aSessionRunsTheDriverForItsSparksScalaOnThatSpark() throws Exception {
        InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK,
                resources(Map.of("livy.spark.version", "3.5")), SessionLimits.none());
        Eventually.holds(() -> processes.launched().size() == 1);
        LaunchSpec spec = processes.launched().get(0);
        List<String> argv = spec.argv();

        assertEquals(TestSparkHomes.HOME_35.resolve("bin/spark-submit").toString(), argv.get(0));
        assertEquals(TestSparkHomes.JAR_212.toString(), argv.get(argv.size() - 2));
        assertEquals(TestSparkHomes.HOME_35.toString(), spec.extraEnvironment().get("SPARK_HOME"));
        String properties = Files.readString(workDirectory.resolve("session-0/spark-submit.conf"));
        assertFalse(properties.contains("livy.spark.version"), properties);
        assertEquals("3.5", session.view().appInfo().get("sparkName"));
        assertEquals("3.5.9", session.view().appInfo().get("sparkVersion"));
    }

    @Test
    void aSessionThatNamesNoSparkRunsOnTheDefaultOne() {
        InteractiveSession session = manager.create(null, null, SessionKind.SPARK, resources(Map.of()),
                SessionLimits.none());
        Eventually.holds(() -> processes.launched().size() == 1);
        List<String> argv = processes.launched().get(0).argv();

        assertEquals(TestSparkHomes.DEFAULT_HOME.resolve("bin/spark-submit").toString(), argv.get(0));
        assertEquals(TestSparkHomes.JAR_213.toString(), argv.get(argv.size() - 2));
        assertEquals("4.3.0", session.view().appInfo().get("sparkVersion"));
        assertTrue(session.view().appInfo().containsKey("sparkUiUrl"));
    }

    private static SparkResources resources(Map<String, String> conf) {
        return new SparkResources(null, null, List.of(), List.of(), List.of(), List.of(), null, null, null, null,
                null, null, conf);
    }
}
