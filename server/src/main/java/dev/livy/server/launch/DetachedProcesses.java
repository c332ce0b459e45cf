package dev.livy.server.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The policy that an application outlives its server (with recovery on): spark-submit runs under a small shell
 * wrapper in its own session ({@code setsid}), stdin from /dev/null, stdout and stderr appended to files in the
 * application's directory, so that nothing ties it to the server's pipes; the wrapper first writes its pid to a
 * file there, and when spark-submit exits it writes the exit code beside it (atomically: temporary file, then
 * rename) and exits with it. Started {@linkplain #forked forked}, the wrapper is not the server's child at all, so
 * no thread of the server waits for it. A later server reads the output files for the whole log and the exit-code
 * file for the end. Stateless.
 */
public final class DetachedProcesses {
    public static final String STDOUT_FILE = "stdout";
    public static final String STDERR_FILE = "stderr";
    public static final String EXIT_CODE_FILE = "exit-code";
    public static final String PID_FILE = "pid";

    private static final String WRAPPER = String.join("\n",
            "dir=\"$1\"",
            "shift",
            // One short write: a reader sees no pid or the whole of it.
            "printf '%s\\n' \"$$\" >\"$dir/" + PID_FILE + "\"",
            "exec </dev/null >>\"$dir/" + STDOUT_FILE + "\" 2>>\"$dir/" + STDERR_FILE + "\"",
            "\"$@\"",
            "code=$?",
            "printf '%s\\n' \"$code\" >\"$dir/" + EXIT_CODE_FILE + ".tmp\" && mv -f \"$dir/" + EXIT_CODE_FILE
                    + ".tmp\" \"$dir/" + EXIT_CODE_FILE + "\"",
            "exit \"$code\"");

    private DetachedProcesses() {
    }

    /**
     * The launch that runs {@code spec}'s argv detached, its files in {@code spec}'s working directory; the process
     * launched is the wrapper itself, whose exit is the application's.
     */
    public static LaunchSpec detached(LaunchSpec spec) {
        return wrapped(spec, List.of("setsid"));
    }

    /**
     * The launch that starts {@code spec}'s argv detached and exits at once ({@code setsid --fork}): the wrapper is
     * then nobody's child but init's, to be found by the pid it writes ({@link #pid}).
     */
    public static LaunchSpec forked(LaunchSpec spec) {
        return wrapped(spec, List.of("setsid", "--fork"));
    }

    private static LaunchSpec wrapped(LaunchSpec spec, List<String> setsid) {
        List<String> argv = new ArrayList<>(setsid);
        argv.addAll(List.of("/bin/bash", "-c", WRAPPER, "livy-detached", spec.workingDirectory().toString()));
        argv.addAll(spec.argv());
        return new LaunchSpec(argv, spec.extraEnvironment(), spec.workingDirectory(), false);
    }

    /** The pid the wrapper wrote in {@code directory}; empty until it has. */
    public static OptionalLong pid(Path directory) {
        return readNumber(directory.resolve(PID_FILE), "\\d{1,10}").stream().mapToLong(Long::parseLong).findFirst();
    }

    /** The exit code the wrapper recorded in {@code directory}; empty while it runs or when it was killed. */
    public static OptionalInt exitCode(Path directory) {
        return readNumber(directory.resolve(EXIT_CODE_FILE), "\\d{1,3}").stream().mapToInt(Integer::parseInt)
                .findFirst();
    }

    private static Optional<String> readNumber(Path file, String pattern) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return Optional.empty();
        }
        return text.matches(pattern) ? Optional.of(text) : Optional.empty();
    }
}
