package dev.livy.server.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * The policy that an application outlives its server (with recovery on): spark-submit runs under a small shell
 * wrapper in its own session ({@code setsid}), stdin from /dev/null, stdout and stderr appended to files in the
 * application's directory, so that nothing ties it to the server's pipes; when spark-submit exits the wrapper
 * writes its exit code to a file beside them (atomically: temporary file, then rename) and exits with it. A later
 * server reads the output files for the whole log and the exit-code file for the end. Stateless.
 */
public final class DetachedProcesses {
    public static final String STDOUT_FILE = "stdout";
    public static final String STDERR_FILE = "stderr";
    public static final String EXIT_CODE_FILE = "exit-code";

    private static final String WRAPPER = String.join("\n",
            "dir=\"$1\"",
            "shift",
            "exec </dev/null >>\"$dir/" + STDOUT_FILE + "\" 2>>\"$dir/" + STDERR_FILE + "\"",
            "\"$@\"",
            "code=$?",
            "printf '%s\\n' \"$code\" >\"$dir/" + EXIT_CODE_FILE + ".tmp\" && mv -f \"$dir/" + EXIT_CODE_FILE
                    + ".tmp\" \"$dir/" + EXIT_CODE_FILE + "\"",
            "exit \"$code\"");

    private DetachedProcesses() {
    }

    /** The launch that runs {@code spec}'s argv detached, its files in {@code spec}'s working directory. */
    public static LaunchSpec detached(LaunchSpec spec) {
        List<String> argv = new ArrayList<>(List.of("setsid", "/bin/bash", "-c", WRAPPER, "livy-detached",
                spec.workingDirectory().toString()));
        argv.addAll(spec.argv());
        return new LaunchSpec(argv, spec.extraEnvironment(), spec.workingDirectory(), false);
    }

    /** The exit code the wrapper recorded in {@code directory}; empty while it runs or when it was killed. */
    public static OptionalInt exitCode(Path directory) {
        String text;
        try {
            text = Files.readString(directory.resolve(EXIT_CODE_FILE), StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return OptionalInt.empty();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        if (!text.matches("\\d{1,3}")) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Integer.parseInt(text));
    }
}
