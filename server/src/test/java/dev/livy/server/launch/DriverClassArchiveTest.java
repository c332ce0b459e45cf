package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverClassArchiveTest {
    @TempDir
    Path temporary;
    private Path java;
    private Path sparkHome;
    private Path archives;

    @BeforeEach
    void fakeJdkAndSpark() throws IOException {
        Path jdk = temporary.resolve("jdk");
        java = Files.createDirectories(jdk.resolve("bin")).resolve("java");
        Files.writeString(java, "");
        assertTrue(java.toFile().setExecutable(true));
        Files.createDirectories(jdk.resolve("lib"));
        Files.writeString(jdk.resolve("lib/modules"), "");
        sparkHome = temporary.resolve("spark");
        Files.createDirectories(sparkHome.resolve("jars"));
        archives = temporary.resolve("archives");
    }

    @Test
    void theFirstDriverStartsTheBuilderAndLaterOnesUseTheArchive() throws IOException {
        DriverClassArchive archive = DriverClassArchive.in(archives, sparkHome, java);
        FakeBuilder builder = new FakeBuilder();

        assertEquals(List.of(), archive.javaOptions(), "no archive yet");
        assertEquals(0, builder.started.size(), "asking for the options starts nothing");
        archive.buildIfMissing(builder);
        archive.buildIfMissing(builder);
        assertEquals(List.of(), archive.javaOptions());
        assertEquals(1, builder.started.size(), "one builder at a time");
        String options = builder.started.get(0).get("spark.driver.defaultJavaOptions");
        assertTrue(options.startsWith("-XX:ArchiveClassesAtExit=" + archives), options);

        Path partial = Path.of(options.substring(options.indexOf('=') + 1, options.indexOf(' ')));
        Files.writeString(partial, "classes");
        builder.process.exit(0);

        assertFalse(Files.exists(partial));
        archive.buildIfMissing(builder);
        String shared = archive.javaOptions().get(0);
        assertTrue(shared.startsWith("-XX:SharedArchiveFile=" + archives), shared);
        assertTrue(Files.isRegularFile(Path.of(shared.substring(shared.indexOf('=') + 1))));
        assertEquals(1, builder.started.size());
    }

    @Test
    void aBuilderThatFailsLeavesNoArchiveAndIsNotRetried() throws IOException {
        DriverClassArchive archive = DriverClassArchive.in(archives, sparkHome, java);
        FakeBuilder builder = new FakeBuilder();
        archive.buildIfMissing(builder);
        String options = builder.started.get(0).get("spark.driver.defaultJavaOptions");
        Path partial = Path.of(options.substring(options.indexOf('=') + 1, options.indexOf(' ')));
        Files.writeString(partial, "half an archive");

        builder.process.exit(137);

        assertFalse(Files.exists(partial));
        archive.buildIfMissing(builder);
        assertEquals(List.of(), archive.javaOptions());
        assertEquals(1, builder.started.size());
    }

    @Test
    void anArchiveLeftHalfWrittenByAServerThatIsGoneIsRemovedAndOneOfARunningServerIsKept() throws IOException {
        Files.createDirectories(archives);
        Path abandoned = Files.writeString(archives.resolve("driver-0123456789abcdef.jsa.2147483647.tmp"), "partial");
        Path building = Files.writeString(archives.resolve("driver-0123456789abcdef.jsa."
                + ProcessHandle.current().pid() + ".tmp"), "partial");

        DriverClassArchive.in(archives, sparkHome, java);

        assertFalse(Files.exists(abandoned), "no process has pid 2147483647");
        assertTrue(Files.exists(building), "this JVM's builder may still be writing it");
    }

    @Test
    void anotherJdkOrSparkGetsAnotherArchive() throws IOException {
        String before = archivePath(DriverClassArchive.in(archives, sparkHome, java));
        Files.setLastModifiedTime(java.getParent().resolveSibling("lib/modules"), FileTime.fromMillis(0));

        assertNotEquals(before, archivePath(DriverClassArchive.in(archives, sparkHome, java)));
    }

    @Test
    void putsItsOptionsBeforeTheDefaultJavaOptionsTheUserSet() {
        List<String> options = List.of("-XX:SharedArchiveFile=/a.jsa", "-Xlog:cds=off");

        assertEquals(Map.of("spark.driver.defaultJavaOptions", "-XX:SharedArchiveFile=/a.jsa -Xlog:cds=off -Dx=1"),
                DriverClassArchive.withJavaOptions(Map.of("spark.driver.defaultJavaOptions", "-Dx=1"), options));
        assertEquals(Map.of("spark.driver.defaultJavaOptions", "-XX:SharedArchiveFile=/a.jsa -Xlog:cds=off"),
                DriverClassArchive.withJavaOptions(Map.of("spark.driver.extraJavaOptions", "-Dy=2"), options));
        assertEquals(Map.of(), DriverClassArchive.withJavaOptions(Map.of("spark.x", "1"), List.of()));
    }

    @Test
    void aDisabledArchiveAddsNothingAndBuildsNothing() {
        FakeBuilder builder = new FakeBuilder();

        DriverClassArchive.disabled().buildIfMissing(builder);

        assertEquals(List.of(), DriverClassArchive.disabled().javaOptions());
        assertEquals(0, builder.started.size());
    }

    @Test
    void findsTheJavaSparkSubmitRuns() {
        assertEquals(Path.of("/opt/jdk/bin/java"), DriverClassArchive.sparkJava(Map.of("JAVA_HOME", "/opt/jdk")));
        assertEquals(java, DriverClassArchive.sparkJava(Map.of("PATH", "/nonexistent:" + java.getParent())));
        assertEquals(Path.of("/c/livy-server/class-archives"),
                DriverClassArchive.cacheDirectory(Map.of("XDG_CACHE_HOME", "/c")));
        assertEquals(Path.of("/s/class-archives"),
                DriverClassArchive.cacheDirectory(Map.of("LIVY_SPARK_CACHE", "/s", "XDG_CACHE_HOME", "/c")));
    }

    private String archivePath(DriverClassArchive archive) {
        FakeBuilder builder = new FakeBuilder();
        archive.buildIfMissing(builder);
        String options = builder.started.get(0).get("spark.driver.defaultJavaOptions");
        return options.substring(options.indexOf('=') + 1, options.indexOf(' ')).replaceAll("\\.\\d+\\.tmp$", "");
    }

    /** Records what it was asked to start; the test ends the process. */
    private static final class FakeBuilder implements DriverClassArchive.Builder {
        final List<Map<String, String>> started = new ArrayList<>();
        final FakeProcessLauncher.FakeChildProcess process = new FakeProcessLauncher.FakeChildProcess(null);

        @Override
        public ChildProcess start(Map<String, String> conf) {
            started.add(conf);
            return process;
        }
    }
}
