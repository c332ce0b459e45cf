package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes started detached by the real launcher: their own session, output files, exit-code file. */
class DetachedProcessLauncherTest {
    @TempDir
    Path directory;

    @Test
    void outputGoesToFilesReadIntoTheLogAndTheExitCodeToItsFile() throws Exception {
        RecordedOutput log = new RecordedOutput();
        try (DetachedProcessLauncher launcher = new DetachedProcessLauncher(new CommonsExecLauncher())) {
            ChildProcess process = launcher.launch(new LaunchSpec(List.of("/bin/sh", "-c",
                    "echo first; echo oops >&2; sleep 0.5; printf 'last without newline'; exit 3"), Map.of(),
                    directory), log);

            assertEquals(3, process.onExit().get(20, TimeUnit.SECONDS));

            assertEquals(List.of("first", "last without newline"), log.stdoutLines());
            assertEquals(List.of("oops"), log.stderrLines());
            assertEquals(OptionalInt.of(3), DetachedProcesses.exitCode(directory));
            assertTrue(Files.readString(directory.resolve(DetachedProcesses.STDOUT_FILE)).startsWith("first\n"));
        }
    }

    @Test
    void theProcessRunsInItsOwnSessionAndIsFoundAgainByALaterServer() throws Exception {
        RecordedOutput firstLog = new RecordedOutput();
        Path started = directory.resolve("started");
        Path release = directory.resolve("release");
        ChildProcess process;
        try (DetachedProcessLauncher first = new DetachedProcessLauncher(new CommonsExecLauncher())) {
            process = first.launch(new LaunchSpec(List.of("/bin/sh", "-c", "echo before; touch started; "
                    + "while [ ! -e release ]; do sleep 0.1; done; echo after; exit 0"), Map.of(), directory),
                    firstLog);
            waitFor(() -> Files.exists(started));
            assertNotEquals(sessionOf(ProcessHandle.current().pid()), sessionOf(process.pid()));
        }
        ProcessIdentity identity = ProcessIdentity.ofPid(process.pid()).orElseThrow();

        RecordedOutput log = new RecordedOutput();
        try (DetachedProcessLauncher later = new DetachedProcessLauncher(new CommonsExecLauncher())) {
            Reattached found = later.reattach(directory, Optional.of(identity), log);
            assertTrue(found instanceof Reattached.Running, found.toString());
            Files.createFile(release);

            assertEquals(0, ((Reattached.Running) found).process().onExit().get(20, TimeUnit.SECONDS));
            assertEquals(List.of("before", "after"), log.stdoutLines());
        }
    }

    @Test
    void forkedTheApplicationIsNoChildOfTheServerAndItsOutputAndExitCodeStillArrive() throws Exception {
        RecordedOutput log = new RecordedOutput();
        Path release = directory.resolve("release");
        try (DetachedProcessLauncher launcher = DetachedProcessLauncher.forking(new CommonsExecLauncher())) {
            ChildProcess process = launcher.launch(new LaunchSpec(List.of("/bin/sh", "-c", "echo first; "
                    + "echo oops >&2; while [ ! -e release ]; do sleep 0.05; done; printf 'last'; exit 3"), Map.of(),
                    directory), log);

            assertTrue(process.isAlive());
            assertEquals(process.pid(), DetachedProcesses.pid(directory).orElseThrow());
            assertTrue(ProcessHandle.current().children().noneMatch(child -> child.pid() == process.pid()),
                    "no thread of the server waits for it: it is not the server's child");
            assertNotEquals(sessionOf(ProcessHandle.current().pid()), sessionOf(process.pid()));
            Files.createFile(release);

            assertEquals(3, process.onExit().get(20, TimeUnit.SECONDS));
            assertEquals(List.of("first", "last"), log.stdoutLines());
            assertEquals(List.of("oops"), log.stderrLines());
        }
    }

    @Test
    void forkedAnApplicationThatEndsAtOnceIsReportedWithItsExitCode() throws Exception {
        RecordedOutput log = new RecordedOutput();
        try (DetachedProcessLauncher launcher = DetachedProcessLauncher.forking(new CommonsExecLauncher())) {
            ChildProcess process = launcher.launch(new LaunchSpec(List.of("/bin/sh", "-c", "echo bye; exit 5"),
                    Map.of(), directory), log);

            assertEquals(5, process.onExit().get(20, TimeUnit.SECONDS));
            assertEquals(List.of("bye"), log.stdoutLines());
        }
    }

    @Test
    void forkedAProgramThatCannotRunIsAFailedApplicationWithTheReasonInItsLog() throws Exception {
        RecordedOutput log = new RecordedOutput();
        try (DetachedProcessLauncher launcher = DetachedProcessLauncher.forking(new CommonsExecLauncher())) {
            ChildProcess process = launcher.launch(new LaunchSpec(List.of(directory.resolve("missing").toString()),
                    Map.of(), directory), log);

            assertEquals(127, process.onExit().get(20, TimeUnit.SECONDS));
            assertTrue(log.stderrLines().stream().anyMatch(line -> line.contains("missing")), log.stderrLines()
                    .toString());
        }
    }

    @Test
    void anApplicationThatEndedIsReadWholeWithItsExitCode() throws Exception {
        Files.writeString(directory.resolve(DetachedProcesses.STDOUT_FILE), "a\nb\n");
        Files.writeString(directory.resolve(DetachedProcesses.EXIT_CODE_FILE), "0\n");
        RecordedOutput log = new RecordedOutput();
        try (DetachedProcessLauncher later = new DetachedProcessLauncher(new FakeProcessLauncher())) {
            Reattached found = later.reattach(directory, Optional.of(new ProcessIdentity(Integer.MAX_VALUE, 1)), log);

            assertEquals(new Reattached.Ended(0), found);
            assertEquals(List.of("a", "b"), log.stdoutLines());
        }
    }

    private static String sessionOf(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }
}
