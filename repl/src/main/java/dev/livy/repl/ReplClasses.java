package dev.livy.repl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the Scala interpreter writes the classes it compiles for each statement, and the one class loader that
 * loads them. Both exist from the driver's start, before the SparkContext, for every session: Spark serves this
 * directory to executors ({@code spark.repl.class.outputDir}), and a SparkContext created with this loader as
 * context loader makes local executors find the very same classes the interpreter uses, even when the interpreter
 * starts later. Thread-safe.
 */
final class ReplClasses implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplClasses.class);

    private final Path directory;
    private final URLClassLoader classLoader;

    private ReplClasses(Path directory, URLClassLoader classLoader) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    }

    /** Creates a fresh directory under {@code root} and a loader over it whose parent is {@code parent}. */
    static ReplClasses create(Path root, ClassLoader parent) {
        try {
            Files.createDirectories(root);
            Path directory = Files.createTempDirectory(root, "livy-repl-classes-");
            return new ReplClasses(directory, new URLClassLoader(new URL[] {directoryUrl(directory)}, parent));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the REPL class directory under " + root, e);
        }
    }

    Path directory() {
        return directory;
    }

    /**
     * The loader of the interpreter's classes. It looks in the directory at every request, so classes compiled
     * after it was created are found too.
     */
    ClassLoader classLoader() {
        return classLoader;
    }

    /** Closes the loader and deletes the directory. */
    @Override
    public void close() {
        try {
            classLoader.close();
        } catch (IOException e) {
            LOG.debug("Cannot close the REPL class loader", e);
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", directory, e.toString());
        }
    }

    private static URL directoryUrl(Path directory) throws MalformedURLException {
        // A URLClassLoader treats a URL as a directory only when it ends with a slash, which toUri() adds for a
        // directory that exists.
        return directory.toUri().toURL();
    }
}
