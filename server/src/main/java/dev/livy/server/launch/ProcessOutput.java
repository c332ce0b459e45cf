package dev.livy.server.launch;

/** Where a child process's output goes, line by line, as it arrives. Implementations must be thread-safe. */
public interface ProcessOutput {

    void appendStdout(String line);

    void appendStderr(String line);
}
