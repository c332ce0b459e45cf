package dev.livy.server.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: an argv array (never a shell string), environment variables added to the server's own, the
 * working directory, and whether the server holds the child's stdin open (never writing to it) until the child
 * exits, so that the child sees end-of-file when the server is gone, even killed; otherwise stdin is closed at
 * once.
 */
public record LaunchSpec(List<String> argv, Map<String, String> extraEnvironment, Path workingDirectory,
        boolean holdStdin) {
    public LaunchSpec {
        argv = List.copyOf(argv);
        extraEnvironment = Map.copyOf(extraEnvironment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
    }

    public LaunchSpec(List<String> argv, Map<String, String> extraEnvironment, Path workingDirectory) {
        this(argv, extraEnvironment, workingDirectory, false);
    }
}
