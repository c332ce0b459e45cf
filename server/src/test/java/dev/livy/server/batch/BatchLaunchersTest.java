package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.LaunchSpec;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import dev.livy.server.spark.TestSparkHomes;
import dev.livy.server.testing.Eventually;
import dev.livy.server.validation.NewBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches on a server with two Spark homes: each runs the spark-submit, environment and jar of its own Spark. */
class BatchLaunchersTest {
    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();
    private final SparkHomes homes = TestSparkHomes.twoHomes();
    private BatchManager batches;

    @AfterEach
    void close() {
        if (batches != null) {
            batches.close();
        }
    }

    @Test
    void aBatchRunsOnTheSparkItsConfNamesWhichSparkSubmitNeverSees() throws IOException {
        Batch batch = manager().create(null, null, request(Map.of("livy.spark.version", "3.5", "spark.x", "1")));
        Eventually.holds(() -> processes.launched().size() == 1);
        LaunchSpec spec = processes.launched().get(0);

        assertTrue(spec.argv().contains(TestSparkHomes.HOME_35.resolve("bin/spark-submit").toString()), spec.argv()
                .toString());
        assertEquals(TestSparkHomes.HOME_35.toString(), spec.extraEnvironment().get("SPARK_HOME"));
        assertEquals("/opt/venv-3.5/bin/python", spec.extraEnvironment().get("PYSPARK_PYTHON"));
        String properties = Files.readString(workDirectory.resolve("batch-0/spark-submit.conf"));
        assertTrue(properties.contains(TestSparkHomes.JAR_212.toString()), properties);
        assertTrue(properties.contains("spark.x"), properties);
        assertFalse(properties.contains("livy.spark.version"), properties);
        assertEquals("3.5", batch.view().appInfo().get("sparkName"));
        assertEquals("3.5.9", batch.view().appInfo().get("sparkVersion"));
    }

    @Test
    void aBatchThatNamesNoSparkRunsOnTheDefaultOne() {
        Batch batch = manager().create(null, null, request(Map.of()));
        Eventually.holds(() -> processes.launched().size() == 1);

        assertTrue(processes.launched().get(0).argv().contains(
                TestSparkHomes.DEFAULT_HOME.resolve("bin/spark-submit").toString()));
        assertEquals(Map.of("driverLogUrl", "null", "sparkUiUrl", "null", "sparkName", "default",
                "sparkVersion", "4.3.0"), stringValues(batch.view().appInfo()));
    }

    private BatchManager manager() {
        Map<String, BatchLauncher> byHome = new HashMap<>();
        for (SparkHome home : homes.all()) {
            byHome.put(home.name(), new BatchLauncher(new SparkApplicationLauncher(new SparkSubmitCommand(
                    home.installation().home(), "local[*]", "client"), processes, workDirectory, home.environment()),
                    home.replJar(), new LocalClusterManager(false)));
        }
        batches = new BatchManager(new BatchLaunchers(homes, byHome),
                new BatchSettings(50, Duration.ofMillis(200), Duration.ofMinutes(10)));
        return batches;
    }

    private static NewBatch request(Map<String, String> conf) {
        return new NewBatch("/srv/jobs/etl.py", null, List.of(), new SparkResources(null, null, List.of(), List.of(),
                List.of(), List.of(), null, null, null, null, null, null, conf));
    }

    private static Map<String, String> stringValues(Map<String, String> appInfo) {
        Map<String, String> values = new HashMap<>();
        appInfo.forEach((key, value) -> values.put(key, String.valueOf(value)));
        return values;
    }
}
