package dev.livy.server.launch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The launcher of a server with recovery on: every application starts detached ({@link DetachedProcesses}) through
 * the real launcher, and its output files are read into its log by the one shared {@link OutputFollower}; a later
 * server finds it again with {@link #reattach}. An application's exit is reported once its output is read to the
 * end. Thread-safe.
 */
public final class DetachedProcessLauncher implements ProcessLauncher, AutoCloseable {
    private final ProcessLauncher processes;
    private final OutputFollower follower = new OutputFollower();

    public DetachedProcessLauncher(ProcessLauncher processes) {
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    @Override
    public ChildProcess launch(LaunchSpec spec, ProcessOutput output) throws IOException {
        ChildProcess started = processes.launch(DetachedProcesses.detached(spec), output);
        return followed(started, spec.workingDirectory(), output);
    }

    /**
     * Finds an application an earlier server started detached in {@code directory}: still running (the same
     * process, by its identity), ended with the code it recorded, or lost. Its output so far goes to {@code output}
     * before this returns, or (running) soon after.
     */
    public Reattached reattach(Path directory, Optional<ProcessIdentity> identity, ProcessOutput output) {
        Optional<AdoptedProcess> adopted = identity.flatMap(process -> AdoptedProcess.find(process,
                () -> DetachedProcesses.exitCode(directory).orElseThrow()));
        if (adopted.isPresent()) {
            return new Reattached.Running(followed(adopted.get(), directory, output));
        }
        OutputFollower.readOnce(directory, output);
        OptionalInt exitCode = DetachedProcesses.exitCode(directory);
        if (exitCode.isPresent()) {
            return new Reattached.Ended(exitCode.getAsInt());
        }
        String process = identity.map(found -> "process " + found.pid()).orElse("its process");
        return new Reattached.Lost("spark-submit (" + process + ") ended while no server ran and left no exit code"
                + " (killed, or the machine restarted)");
    }

    private ChildProcess followed(ChildProcess process, Path directory, ProcessOutput output) {
        OutputFollower.Followed files = follower.follow(directory, output);
        CompletableFuture<Integer> exit = process.onExit()
                .thenCompose(code -> follower.finish(files).thenApply(read -> code));
        return new FollowedProcess(process, exit);
    }

    @Override
    public void close() {
        follower.close();
    }

    private record FollowedProcess(ChildProcess process, CompletableFuture<Integer> exit) implements ChildProcess {
        @Override
        public long pid() {
            return process.pid();
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public boolean isAlive() {
            return process.isAlive();
        }

        @Override
        public void terminateTree() {
            process.terminateTree();
        }

        @Override
        public void killTree() {
            process.killTree();
        }
    }
}
