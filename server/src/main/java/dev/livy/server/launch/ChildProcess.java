package dev.livy.server.launch;

import java.util.concurrent.CompletableFuture;

/** A started child process: its exit, and the means to end it together with every process it started. */
public interface ChildProcess {

    long pid();

    /** Completes with the exit code once the process has exited and its output has been read. */
    CompletableFuture<Integer> onExit();

    boolean isAlive();

    /** SIGTERM to the process and all its descendants. */
    void terminateTree();

    /** SIGKILL to the process and all its descendants. */
    void killTree();
}
