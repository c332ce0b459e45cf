package dev.livy.repl;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader jobs of Livy's programmatic API are read and run with: the driver's own classes, plus the jars
 * added to the session since it started (uploaded or added by URI), so that a job class from such a jar loads.
 * Thread-safe (as {@link URLClassLoader} is).
 */
final class JobClassLoader extends URLClassLoader {
    static {
        ClassLoader.registerAsParallelCapable();
    }

    JobClassLoader(ClassLoader parent) {
        // Unnamed: a named loader would prefix its classes' frames in the stack traces jobs report.
        super(new URL[0], parent);
    }

    void addJar(Path jar) {
        try {
            addURL(jar.toUri().toURL());
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("Not a jar path: " + jar, e);
        }
    }
}
