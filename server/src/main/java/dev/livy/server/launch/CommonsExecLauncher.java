package dev.livy.server.launch;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteResultHandler;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.environment.EnvironmentUtils;

/** Launches processes with Apache Commons Exec: an argv array, no shell. Thread-safe. */
public final class CommonsExecLauncher implements ProcessLauncher {
    private static final long START_TIMEOUT_SECONDS = 30;

    @Override
    public ChildProcess launch(LaunchSpec spec, ProcessOutput output) throws IOException {
        CommandLine command = new CommandLine(spec.argv().get(0));
        for (String argument : spec.argv().subList(1, spec.argv().size())) {
            command.addArgument(argument, false);
        }
        Map<String, String> environment = new HashMap<>(EnvironmentUtils.getProcEnvironment());
        environment.putAll(spec.extraEnvironment());

        ProcessCapturingExecutor executor = new ProcessCapturingExecutor();
        executor.setWorkingDirectory(spec.workingDirectory().toFile());
        StreamHandler streams = new StreamHandler(lineSink(output::appendStdout), lineSink(output::appendStderr),
                spec.holdStdin());
        executor.setStreamHandler(streams);
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        executor.execute(command, environment, new ExecuteResultHandler() {
            @Override
            public void onProcessComplete(int exitValue) {
                exit.complete(exitValue);
            }

            @Override
            public void onProcessFailed(ExecuteException e) {
                exit.complete(e.getExitValue());
            }
        });
        Process process = awaitStart(executor.process, exit);
        exit.whenComplete((code, failure) -> streams.closeHeldStdin());
        return new ExecChildProcess(process, exit);
    }

    private static Process awaitStart(CompletableFuture<Process> process, CompletableFuture<Integer> exit)
            throws IOException {
        try {
            return CompletableFuture.anyOf(process, exit).thenCompose(ignored -> process)
                    .get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("Cannot start process: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("Process did not start within " + START_TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while starting a process", e);
        }
    }

    private static LogOutputStream lineSink(Consumer<String> sink) {
        return new LogOutputStream(0, StandardCharsets.UTF_8) {
            @Override
            protected void processLine(String line, int level) {
                sink.accept(line);
            }
        };
    }

    /** Closes the child's stdin at once, as Commons Exec does, or holds it open until {@link #closeHeldStdin}. */
    private static final class StreamHandler extends PumpStreamHandler {
        private final boolean holdStdin;
        private volatile OutputStream heldStdin;

        StreamHandler(OutputStream stdout, OutputStream stderr, boolean holdStdin) {
            super(stdout, stderr);
            this.holdStdin = holdStdin;
        }

        @Override
        public void setProcessInputStream(OutputStream stdin) {
            if (holdStdin) {
                heldStdin = stdin;
                return;
            }
            super.setProcessInputStream(stdin);
        }

        void closeHeldStdin() {
            OutputStream stdin = heldStdin;
            if (stdin == null) {
                return;
            }
            try {
                stdin.close();
            } catch (IOException e) {
                // the child is gone: nothing is left to tell
            }
        }
    }

    /** Commons Exec hides the {@link Process}; we need it for the pid and the process tree. */
    private static final class ProcessCapturingExecutor extends DefaultExecutor {
        final CompletableFuture<Process> process = new CompletableFuture<>();

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, File workingDirectory)
                throws IOException {
            return capture(() -> super.launch(command, env, workingDirectory));
        }

        @Override
        protected Process launch(CommandLine command, Map<String, String> env, Path workingDirectory)
                throws IOException {
            return capture(() -> super.launch(command, env, workingDirectory));
        }

        private Process capture(ProcessStart start) throws IOException {
            try {
                Process started = start.run();
                process.complete(started);
                return started;
            } catch (IOException | RuntimeException e) {
                process.completeExceptionally(e);
                throw e;
            }
        }
    }

    @FunctionalInterface
    private interface ProcessStart {
        Process run() throws IOException;
    }

    private record ExecChildProcess(Process process, CompletableFuture<Integer> exit) implements ChildProcess {
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
            ProcessTrees.signal(process.toHandle(), false);
        }

        @Override
        public void killTree() {
            ProcessTrees.signal(process.toHandle(), true);
        }
    }
}
