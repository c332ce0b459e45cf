package dev.livy.server.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The launcher of a server with recovery on: every application starts detached ({@link DetachedProcesses}) through
 * the real launcher, and its output files are read into its log by the one shared {@link OutputFollower}; a later
 * server finds it again with {@link #reattach}. {@linkplain #forking Forking}, the server's own launcher, starts the
 * wrapper as nobody's child and watches it as an {@link AdoptedProcess}, so that an application costs no thread of
 * its own while it runs. An application's exit is reported once its output is read to the end. Thread-safe.
 */
public final class DetachedProcessLauncher implements ProcessLauncher, AutoCloseable {
    private static final Duration SPAWN_TIMEOUT = Duration.ofSeconds(30);
    private static final long PID_POLL_MILLIS = 2;

    private final ProcessLauncher processes;
    private final boolean fork;
    private final OutputFollower follower = new OutputFollower();

    /** The process {@code processes} launches is the application's wrapper, whose exit it reports. */
    public DetachedProcessLauncher(ProcessLauncher processes) {
        this(processes, false);
    }

    private DetachedProcessLauncher(ProcessLauncher processes, boolean fork) {
        this.processes = Objects.requireNonNull(processes, "processes");
        this.fork = fork;
    }

    /**
     * A launcher whose {@code processes} only start {@code setsid --fork}: the wrapper it forks is found by its pid
     * and watched by the one thread that watches adopted processes.
     */
    public static DetachedProcessLauncher forking(ProcessLauncher processes) {
        return new DetachedProcessLauncher(processes, true);
    }

    @Override
    public ChildProcess launch(LaunchSpec spec, ProcessOutput output) throws IOException {
        ChildProcess started = fork ? spawn(spec, output) : processes.launch(DetachedProcesses.detached(spec), output);
        return followed(started, spec.workingDirectory(), output);
    }

    /** Forks the wrapper and finds it by the pid it writes; one that has ended already is returned as ended. */
    private ChildProcess spawn(LaunchSpec spec, ProcessOutput output) throws IOException {
        Path directory = spec.workingDirectory();
        Files.deleteIfExists(directory.resolve(DetachedProcesses.PID_FILE));
        int forked = awaitExit(processes.launch(DetachedProcesses.forked(spec), output));
        if (forked != 0) {
            throw new IOException("setsid could not start the application (exit code " + forked + ")");
        }
        long deadline = System.nanoTime() + SPAWN_TIMEOUT.toNanos();
        OptionalLong pid = DetachedProcesses.pid(directory);
        while (pid.isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the application's wrapper wrote no pid within " + SPAWN_TIMEOUT.toSeconds()
                        + " s");
            }
            pause();
            pid = DetachedProcesses.pid(directory);
        }
        long wrapper = pid.getAsLong();
        Optional<AdoptedProcess> adopted = ProcessIdentity.ofPid(wrapper).flatMap(identity -> AdoptedProcess.find(
                identity, () -> DetachedProcesses.exitCode(directory).orElseThrow()));
        return adopted.<ChildProcess>map(found -> found)
                .orElseGet(() -> new EndedProcess(wrapper, DetachedProcesses.exitCode(directory).orElse(-1)));
    }

    private static int awaitExit(ChildProcess process) throws IOException {
        try {
            return process.onExit().get(SPAWN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            process.killTree();
            throw new IOException("setsid did not return within " + SPAWN_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the application", e);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(PID_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the application", e);
        }
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

    /** A wrapper that had exited before it could be watched: its exit code is the one it recorded. */
    private record EndedProcess(long pid, int exitCode) implements ChildProcess {
        @Override
        public CompletableFuture<Integer> onExit() {
            return CompletableFuture.completedFuture(exitCode);
        }

        @Override
        public boolean isAlive() {
            return false;
        }

        @Override
        public void terminateTree() {
        }

        @Override
        public void killTree() {
        }
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
