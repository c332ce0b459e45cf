package dev.livy.server.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A class data sharing (AppCDS) archive of the classes a driver JVM loads from Spark's class path, so that drivers
 * map them instead of loading, verifying and linking thousands of classes each. One archive per Spark home and
 * JDK, written once by a short builder run of spark-submit ({@code -XX:ArchiveClassesAtExit}, to a temporary name
 * moved into place only after a clean exit; writing takes seconds, which a session's driver must not spend when it
 * is asked to stop), started explicitly ({@link #buildIfMissing}) when the first driver launches without one. Later
 * drivers use it ({@code -XX:SharedArchiveFile}); a JVM that finds it unusable (another class path, another JDK
 * build) runs without it. The options go into {@code spark.driver.defaultJavaOptions}, which Spark puts before the
 * user's {@code spark.driver.extraJavaOptions}, so a user's own options still apply. Thread-safe.
 */
public final class DriverClassArchive implements AutoCloseable {
    public static final String DEFAULT_JAVA_OPTIONS = "spark.driver.defaultJavaOptions";
    private static final Logger LOG = LoggerFactory.getLogger(DriverClassArchive.class);
    // Whether the JVM could map the archive is its own business; its CDS warnings would only clutter session logs.
    private static final String QUIET = "-Xlog:cds=off,cds+dynamic=off,class+path=off";

    /** Starts the builder: spark-submit of a program that builds a SparkSession, with this Spark conf. */
    @FunctionalInterface
    public interface Builder {
        ChildProcess start(Map<String, String> conf) throws IOException;
    }

    private final Path archive;
    // Set once: a builder that failed is not retried before the server restarts.
    private final AtomicBoolean creating = new AtomicBoolean();
    private volatile ChildProcess builderProcess;

    private DriverClassArchive(Path archive) {
        this.archive = archive;
    }

    /** Drivers get no archive options. */
    public static DriverClassArchive disabled() {
        return new DriverClassArchive(null);
    }

    /**
     * The archive for drivers of this Spark home run by this java executable, in {@code directory}. Its name
     * changes when the JDK or Spark's jars change (their paths and modification times), so a stale archive is
     * never used and a new one gets created.
     */
    public static DriverClassArchive in(Path directory, Path sparkHome, Path javaExecutable) throws IOException {
        Path java = javaExecutable.toRealPath();
        Path jdkModules = java.getParent().getParent().resolve("lib").resolve("modules");
        Path sparkJars = sparkHome.toRealPath().resolve("jars");
        String identity = String.join("\n", java.toString(), modified(jdkModules), sparkJars.toString(),
                modified(sparkJars));
        Files.createDirectories(directory,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        removeAbandoned(directory);
        return new DriverClassArchive(directory.resolve("driver-" + sha256(identity).substring(0, 16) + ".jsa"));
    }

    /**
     * Removes the half-written archives of builders whose server is gone (killed, or stopped, while its builder ran):
     * each is named for the server's pid and is as large as an archive.
     */
    private static void removeAbandoned(Path directory) {
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(directory, "driver-*.jsa.*.tmp")) {
            for (Path partial : partials) {
                String name = partial.getFileName().toString();
                String pid = name.substring(name.lastIndexOf(".jsa.") + ".jsa.".length(),
                        name.length() - ".tmp".length());
                if (pid.matches("\\d{1,10}") && ProcessHandle.of(Long.parseLong(pid)).isEmpty()) {
                    Files.deleteIfExists(partial);
                    LOG.info("Removed {}, which the builder of a server that is gone left unfinished", partial);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for unfinished driver class archives in {}: {}", directory, e.toString());
        }
    }

    /** Where archives live: beside the provisioned Spark ({@code bin/provision-spark}'s cache directory). */
    public static Path cacheDirectory(Map<String, String> environment) {
        String root = environment.get("LIVY_SPARK_CACHE");
        if (root == null || root.isEmpty()) {
            String cache = environment.get("XDG_CACHE_HOME");
            root = (cache == null || cache.isEmpty() ? System.getProperty("user.home") + "/.cache" : cache)
                    + "/livy-server";
        }
        return Path.of(root, "class-archives");
    }

    /** The java spark-submit runs: {@code $JAVA_HOME/bin/java}, else the first {@code java} on the PATH. */
    public static Path sparkJava(Map<String, String> environment) {
        String javaHome = environment.get("JAVA_HOME");
        if (javaHome != null && !javaHome.isEmpty()) {
            return Path.of(javaHome, "bin", "java");
        }
        for (String directory : environment.getOrDefault("PATH", "").split(":")) {
            Path java = Path.of(directory.isEmpty() ? "." : directory, "java");
            if (Files.isExecutable(java)) {
                return java;
            }
        }
        throw new IllegalStateException("no java on the PATH");
    }

    /** The archive options for the next driver: the archive's when it exists, none while it does not. */
    public List<String> javaOptions() {
        if (archive == null || !Files.isRegularFile(archive)) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive, QUIET);
    }

    /**
     * Starts the builder when there is no archive yet, unless one was started before: the explicit step, so that
     * asking for {@link #javaOptions} never starts a process.
     */
    public void buildIfMissing(Builder builder) {
        if (archive == null || Files.isRegularFile(archive)) {
            return;
        }
        if (creating.compareAndSet(false, true)) {
            build(builder);
        }
    }

    private void build(Builder builder) {
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        ChildProcess process;
        try {
            process = builder.start(Map.of(DEFAULT_JAVA_OPTIONS, "-XX:ArchiveClassesAtExit=" + partial + " " + QUIET,
                    "spark.ui.enabled", "false"));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cannot start the driver class archive's builder: {}", e.toString());
            return;
        }
        builderProcess = process;
        LOG.info("Creating the driver class archive {} (process {})", archive, process.pid());
        process.onExit().whenComplete((exitCode, failure) -> builderExited(partial, exitCode));
    }

    private void builderExited(Path partial, Integer exitCode) {
        try {
            if (exitCode != null && exitCode == 0 && Files.isRegularFile(partial) && Files.size(partial) > 0) {
                move(partial, archive);
                LOG.info("Created the driver class archive {}", archive);
            } else {
                LOG.warn("No driver class archive: its builder exited with code {}", exitCode);
            }
        } catch (IOException e) {
            LOG.warn("Cannot create the driver class archive {}: {}", archive, e.toString());
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException e) {
                LOG.warn("Cannot remove {}: {}", partial, e.toString());
            }
        }
    }

    /** The Spark conf with these options put before any default driver Java options the user set. */
    public static Map<String, String> withJavaOptions(Map<String, String> conf, List<String> options) {
        if (options.isEmpty()) {
            return Map.of();
        }
        String ours = String.join(" ", options);
        String theirs = conf.get(DEFAULT_JAVA_OPTIONS);
        Map<String, String> merged = new LinkedHashMap<>();
        merged.put(DEFAULT_JAVA_OPTIONS, theirs == null || theirs.isBlank() ? ours : ours + " " + theirs);
        return Map.copyOf(merged);
    }

    /** Stops a builder that still runs (the server is stopping). */
    @Override
    public void close() {
        ChildProcess process = builderProcess;
        if (process != null && process.isAlive()) {
            process.killTree();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String modified(Path path) throws IOException {
        return Files.exists(path) ? Files.getLastModifiedTime(path).toString() : "-";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
