package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.testing.LogCapture;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkApplicationLauncherTest {
    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();

    private SparkApplicationLauncher launcher() {
        return new SparkApplicationLauncher(new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"),
                processes, workDirectory);
    }

    @Test
    void launchesInAPrivateScratchDirectoryWithAPrivatePropertiesFile() throws IOException {
        SparkApplicationLauncher applications = launcher();
        SparkSubmit submit = applications.command("batch-7", SparkResources.named("etl"),
                Map.of("spark.app.password", "hunter2"), "dev.Main", "/srv/app.jar", List.of("in"));

        applications.launch("Batch 7", "batch-7", submit, spec -> spec, new LogBuffer(10));

        Path directory = workDirectory.resolve("batch-7");
        Path properties = directory.resolve(SparkApplicationLauncher.PROPERTIES_FILE);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(properties)));
        assertEquals("hunter2", read(properties).getProperty("spark.app.password"),
                "spark-submit reads the real value");
        LaunchSpec launched = processes.launched().get(0);
        assertEquals(directory, launched.workingDirectory());
        assertEquals(submit.argv(), launched.argv());
        assertTrue(launched.argv().containsAll(List.of("--properties-file", properties.toString())),
                launched.argv().toString());
        assertFalse(launched.holdStdin());
    }

    @Test
    void theLaunchLineNamesTheApplicationAndHidesSecrets() throws IOException {
        SparkApplicationLauncher applications = launcher();
        SparkSubmit submit = applications.command("session-3", SparkResources.named("s"),
                Map.of("spark.app.password", "hunter2"), "dev.Main", "/srv/app.jar", List.of());

        try (LogCapture logs = LogCapture.of(SparkApplicationLauncher.class)) {
            applications.launch("Session 3", "session-3", submit, spec -> spec, new LogBuffer(10));

            String line = logs.messages().get(0);
            assertTrue(line.startsWith("Session 3: [/opt/spark/bin/spark-submit, "), line);
            assertFalse(line.contains("hunter2"), line);
            assertTrue(line.contains("spark.app.password=*********(redacted)"), line);
        }
    }

    @Test
    void theCallerBindsTheProcessToTheServer() throws IOException {
        SparkApplicationLauncher applications = launcher();
        SparkSubmit submit = applications.command("batch-1", SparkResources.named(null), Map.of(), null,
                "/srv/job.py", List.of());

        applications.launch("Batch 1", "batch-1", submit, spec -> {
            List<String> argv = new ArrayList<>(List.of("watchdog"));
            argv.addAll(spec.argv());
            return new LaunchSpec(argv, spec.extraEnvironment(), spec.workingDirectory(), true);
        }, new LogBuffer(10));

        LaunchSpec launched = processes.launched().get(0);
        assertEquals("watchdog", launched.argv().get(0));
        assertEquals(submit.argv(), launched.argv().subList(1, launched.argv().size()));
        assertTrue(launched.holdStdin());
    }

    @Test
    void cleaningUpRemovesTheScratchDirectory() throws IOException {
        SparkApplicationLauncher applications = launcher();
        SparkSubmit submit = applications.command("batch-2", SparkResources.named(null), Map.of(), null,
                "/srv/job.py", List.of());
        applications.launch("Batch 2", "batch-2", submit, spec -> spec, new LogBuffer(10));
        Files.writeString(workDirectory.resolve("batch-2").resolve("left-by-spark.txt"), "x");

        applications.cleanUp("Batch 2", "batch-2");

        assertFalse(Files.exists(workDirectory.resolve("batch-2")));
        assertTrue(Files.isDirectory(workDirectory), "only the application's own directory goes");
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
