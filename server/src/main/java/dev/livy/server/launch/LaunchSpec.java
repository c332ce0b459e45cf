package dev.livy.server.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: an argv array (never a shell string), environment variables added to the server's own, and the
 * working directory.
 */
public record LaunchSpec(List<String> argv, Map<String, String> extraEnvironment, Path workingDirectory) {
    public LaunchSpec {
        argv = List.copyOf(argv);
        extraEnvironment = Map.copyOf(extraEnvironment);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("argv is empty");
        }
    }
}
