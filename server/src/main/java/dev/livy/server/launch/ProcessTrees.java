package dev.livy.server.launch;

import java.util.List;

/** Signals a process and every process it started. Stateless. */
final class ProcessTrees {
    private ProcessTrees() {
    }

    /**
     * SIGTERM ({@code force} false) or SIGKILL to {@code root} and its descendants. Descendants are listed before the
     * root is signalled: once it dies they are no longer its descendants.
     */
    static void signal(ProcessHandle root, boolean force) {
        List<ProcessHandle> descendants = root.descendants().toList();
        signalOne(root, force);
        descendants.forEach(handle -> signalOne(handle, force));
    }

    private static void signalOne(ProcessHandle handle, boolean force) {
        if (force) {
            handle.destroyForcibly();
        } else {
            handle.destroy();
        }
    }
}
