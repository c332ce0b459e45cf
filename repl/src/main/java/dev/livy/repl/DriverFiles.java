package dev.livy.repl;

import dev.livy.common.protocol.DriverMessage;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds a file to the session, as Livy's {@code add-jar}, {@code add-file}, {@code add-pyfile} and the uploads ask:
 * a jar goes to the jobs' class loader (fetched to the driver's local directory first when remote) and to Spark's
 * jars for executors; a file to Spark's files; a Python file to Spark's files and, for the Python interpreter, to
 * {@code sys.path} (fetched first when remote, as jars are). A failure is logged (the session's log shows it),
 * never thrown at the channel. Called on the channel's reader thread, so that a job submitted after a jar sees it.
 * Thread-safe.
 */
final class DriverFiles {
    private static final Logger LOG = LoggerFactory.getLogger(DriverFiles.class);

    private final SparkContext spark;
    private final JobClassLoader classes;
    private final PythonPaths pythonPaths;
    private final File localDirectory;

    DriverFiles(SparkContext spark, JobClassLoader classes, PythonPaths pythonPaths, File localDirectory) {
        this.spark = Objects.requireNonNull(spark, "spark");
        this.classes = Objects.requireNonNull(classes, "classes");
        this.pythonPaths = Objects.requireNonNull(pythonPaths, "pythonPaths");
        this.localDirectory = Objects.requireNonNull(localDirectory, "localDirectory");
    }

    void add(DriverMessage.AddResource add) {
        try {
            switch (add.kind()) {
                case JAR -> {
                    classes.addJar(local(add.uri()));
                    spark.addJar(add.uri());
                }
                case FILE -> spark.addFile(add.uri());
                case PYFILE -> {
                    Path local = local(add.uri());
                    spark.addFile(add.uri());
                    // A module file is imported from its directory; a .zip or .egg is an entry itself.
                    pythonPaths.add((local.toString().endsWith(".py") ? local.toAbsolutePath().getParent() : local)
                            .toString());
                }
            }
            LOG.info("Added {} {}", add.kind(), add.uri());
        } catch (IOException | RuntimeException e) {
            LOG.error("Cannot add {} {}: {}", add.kind(), add.uri(), e.toString());
        }
    }

    /** The jar as a local file: itself when it is one, else a copy fetched through Hadoop's file systems. */
    private Path local(String uri) throws IOException {
        URI parsed = URI.create(uri);
        if (parsed.getScheme() == null) {
            return Path.of(uri);
        }
        if (parsed.getScheme().equals("file") || parsed.getScheme().equals("local")) {
            return Path.of(parsed.getPath());
        }
        File target = new File(localDirectory, new File(parsed.getPath()).getName());
        org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(parsed);
        try (FileSystem files = FileSystem.newInstance(parsed, spark.hadoopConfiguration())) {
            files.copyToLocalFile(source, new org.apache.hadoop.fs.Path(target.toURI()));
        }
        return target.toPath();
    }
}
