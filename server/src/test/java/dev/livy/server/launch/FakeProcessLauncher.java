package dev.livy.server.launch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records launches instead of running them; each launch gets a {@link FakeChildProcess} the test controls. */
public final class FakeProcessLauncher implements ProcessLauncher {
    private final List<LaunchSpec> launched = new CopyOnWriteArrayList<>();
    private final List<FakeChildProcess> processes = new CopyOnWriteArrayList<>();
    private volatile Duration forkTime = Duration.ZERO;

    /** Each launch takes this long, as a fork on a loaded machine does. */
    public void forkTakes(Duration time) {
        forkTime = time;
    }

    @Override
    public ChildProcess launch(LaunchSpec spec, ProcessOutput output) {
        try {
            Thread.sleep(forkTime.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        launched.add(spec);
        FakeChildProcess process = new FakeChildProcess(output);
        processes.add(process);
        return process;
    }

    public List<LaunchSpec> launched() {
        return List.copyOf(launched);
    }

    public List<FakeChildProcess> processes() {
        return List.copyOf(processes);
    }

    /** A process that runs until the test (or a terminate/kill) ends it. */
    public static final class FakeChildProcess implements ChildProcess {
        private final CompletableFuture<Integer> exit = new CompletableFuture<>();
        private final ProcessOutput log;
        private volatile int terminations;

        FakeChildProcess(ProcessOutput log) {
            this.log = log;
        }

        public void print(String stdoutLine) {
            log.appendStdout(stdoutLine);
        }

        public void printError(String stderrLine) {
            log.appendStderr(stderrLine);
        }

        public void exit(int code) {
            exit.complete(code);
        }

        public int terminations() {
            return terminations;
        }

        @Override
        public long pid() {
            return 4242;
        }

        @Override
        public CompletableFuture<Integer> onExit() {
            return exit;
        }

        @Override
        public boolean isAlive() {
            return !exit.isDone();
        }

        @Override
        public void terminateTree() {
            terminations++;
            exit.complete(143);
        }

        @Override
        public void killTree() {
            terminations++;
            exit.complete(137);
        }
    }
}
