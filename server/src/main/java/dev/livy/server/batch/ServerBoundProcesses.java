package dev.livy.server.batch;

import dev.livy.server.launch.LaunchSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy that no batch outlives its server: the one place to change when batches are to survive a restart.
 * spark-submit runs under a small shell watchdog in its own process group; the server holds the watchdog's stdin
 * open and never writes to it. When the server ends in any way, even SIGKILL, the kernel closes that pipe, the
 * watchdog reads end-of-file and ends the whole group (spark-submit, the driver, the user's Python program):
 * SIGTERM, then SIGKILL after {@link #KILL_AFTER_TERMINATE}. When spark-submit exits on its own, the watchdog exits
 * with its code. Stateless.
 */
final class ServerBoundProcesses {
    static final Duration KILL_AFTER_TERMINATE = Duration.ofSeconds(5);

    private static final String WATCHDOG = String.join("\n",
            "exec 3<&0 </dev/null",
            "setsid \"$@\" &",
            "child=$!",
            "setsid /bin/bash -c 'cat >/dev/null; kill -TERM -- \"-$1\" 2>/dev/null; sleep \"$2\";"
                    + " kill -KILL -- \"-$1\" 2>/dev/null' livy-batch-watchdog \"$child\" \""
                    + KILL_AFTER_TERMINATE.toSeconds() + "\" <&3 >/dev/null 2>&1 &",
            "watcher=$!",
            "exec 3<&-",
            "wait \"$child\"",
            "code=$?",
            "kill -- \"$watcher\" \"-$watcher\" 2>/dev/null",
            "exit \"$code\"");

    private ServerBoundProcesses() {
    }

    /** The argv that runs {@code argv} bound to the server; launch it with the server holding its stdin. */
    static List<String> bound(List<String> argv) {
        List<String> bound = new ArrayList<>(List.of("/bin/bash", "-c", WATCHDOG, "livy-batch"));
        bound.addAll(argv);
        return List.copyOf(bound);
    }

    /** The launch that runs {@code spec}'s argv bound to the server, with the server holding its stdin. */
    static LaunchSpec bound(LaunchSpec spec) {
        return new LaunchSpec(bound(spec.argv()), spec.extraEnvironment(), spec.workingDirectory(), true);
    }
}
