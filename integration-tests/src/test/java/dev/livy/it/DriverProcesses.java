package dev.livy.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the processes of a session's driver or a batch, as a user would with ps. */
final class DriverProcesses {
    private DriverProcesses() {
    }

    /**
     * The driver JVM of the session whose spark-submit name is {@code appName}: the java process, not a shell that
     * started spark-submit with the same arguments (the detached launch's wrapper, with recovery on).
     */
    static Optional<ProcessHandle> driver(String appName) {
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/java")).orElse(false))
                .filter(process -> commandLine(process).contains("dev.livy.repl.ReplDriver")
                        && commandLine(process).contains("--name " + appName + " "))
                .findFirst();
    }

    /** Every live process running our driver or its Python or R interpreter. */
    static List<ProcessHandle> allDriverProcesses() {
        return ProcessHandle.allProcesses()
                .filter(process -> isRunning(process.pid()))
                .filter(process -> commandLine(process).contains("dev.livy.repl.ReplDriver")
                        || commandLine(process).contains("livy_repl.py")
                        || commandLine(process).contains("livy_repl.R"))
                .toList();
    }

    /** Every running process whose command line contains the text (a batch's file or name). */
    static List<ProcessHandle> runningWith(String text) {
        return ProcessHandle.allProcesses()
                .filter(process -> isRunning(process.pid()))
                .filter(process -> commandLine(process).contains(text))
                .toList();
    }

    /** Running, as opposed to gone or a zombie awaiting its parent (which holds no resources). */
    static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }
}
