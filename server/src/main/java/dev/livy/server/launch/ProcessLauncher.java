package dev.livy.server.launch;

import java.io.IOException;

/** Starts child processes. The port behind which Commons Exec lives; tests use a hand-written fake. */
public interface ProcessLauncher {

    /**
     * Starts the process and streams its output, line by line, to {@code output}.
     *
     * @throws IOException when the process cannot be started at all
     */
    ChildProcess launch(LaunchSpec spec, ProcessOutput output) throws IOException;
}
