package dev.livy.server.launch;

import dev.livy.server.util.NamedThreads;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * A process that is not a child of this JVM (an earlier server started it, or this one forked it away) and that is
 * found by its {@link ProcessIdentity}: its exit is noticed by one shared watcher thread for all of them (a check
 * every quarter second), and its exit code comes from wherever the caller keeps it. Thread-safe.
 */
public final class AdoptedProcess implements ChildProcess {
    private static final long CHECK_INTERVAL_MILLIS = 250;
    private static final ScheduledExecutorService WATCHER =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("adopted-process-watcher"));
    private static final ConcurrentHashMap<AdoptedProcess, Boolean> WATCHED = new ConcurrentHashMap<>();

    static {
        WATCHER.scheduleWithFixedDelay(AdoptedProcess::checkAll, CHECK_INTERVAL_MILLIS, CHECK_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    private final ProcessIdentity identity;
    private final ProcessHandle handle;
    private final IntSupplier exitCode;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();

    private AdoptedProcess(ProcessIdentity identity, ProcessHandle handle, IntSupplier exitCode) {
        this.identity = identity;
        this.handle = handle;
        this.exitCode = exitCode;
    }

    /**
     * The process, if it still runs and is the one identified (not another that reused the pid).
     *
     * @param exitCode read once the process has exited: what it exited with, as the caller recorded it
     */
    public static Optional<AdoptedProcess> find(ProcessIdentity identity, IntSupplier exitCode) {
        Objects.requireNonNull(exitCode, "exitCode");
        return identity.find().map(handle -> {
            AdoptedProcess adopted = new AdoptedProcess(identity, handle, exitCode);
            WATCHED.put(adopted, Boolean.TRUE);
            return adopted;
        });
    }

    public ProcessIdentity identity() {
        return identity;
    }

    @Override
    public long pid() {
        return identity.pid();
    }

    @Override
    public CompletableFuture<Integer> onExit() {
        return exit;
    }

    @Override
    public boolean isAlive() {
        return handle.isAlive() && !isZombie(handle.pid());
    }

    /** Exited but not reaped yet: its parent, init or whatever took it over, may reap it late or never. */
    private static boolean isZombie(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            int afterName = stat.lastIndexOf(')') + 2;
            return afterName < stat.length() && stat.charAt(afterName) == 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void terminateTree() {
        ProcessTrees.signal(handle, false);
    }

    @Override
    public void killTree() {
        ProcessTrees.signal(handle, true);
    }

    private static void checkAll() {
        for (AdoptedProcess process : WATCHED.keySet()) {
            if (!process.isAlive()) {
                WATCHED.remove(process);
                int code;
                try {
                    code = process.exitCode.getAsInt();
                } catch (RuntimeException e) {
                    code = -1;
                }
                process.exit.complete(code);
            }
        }
    }
}
