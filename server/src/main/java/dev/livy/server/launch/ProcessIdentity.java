package dev.livy.server.launch;

import java.util.Optional;

/**
 * A process as a later server can find it again: its pid and its start time, since a pid alone may since have been
 * reused by another process.
 *
 * @param pid            the process id
 * @param startedAtMillis the process's start time, epoch milliseconds as the kernel reports it
 */
public record ProcessIdentity(long pid, long startedAtMillis) {

    /** The identity of a running process; empty when its start time cannot be read (it has exited). */
    public static Optional<ProcessIdentity> of(ProcessHandle process) {
        return process.info().startInstant().map(started -> new ProcessIdentity(process.pid(), started.toEpochMilli()));
    }

    public static Optional<ProcessIdentity> ofPid(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessIdentity::of);
    }

    /** The process if it still runs and is the same one: same pid and same start time. */
    public Optional<ProcessHandle> find() {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(handle -> of(handle).map(this::equals).orElse(false));
    }
}
