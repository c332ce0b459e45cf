package dev.livy.server.launch;

/** What a later server finds of an application an earlier one started detached ({@link DetachedProcesses}). */
public sealed interface Reattached {

    /** It still runs: followed as if this server had started it; its log so far is read already. */
    record Running(ChildProcess process) implements Reattached {
    }

    /** It ended while no server ran, with this exit code; its whole log is read already. */
    record Ended(int exitCode) implements Reattached {
    }

    /** It is gone and left no exit code (killed, or the machine restarted); its log is read already. */
    record Lost(String reason) implements Reattached {
    }
}
