package dev.livy.server.launch;

import dev.livy.server.util.NamedThreads;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the output files of detached applications ({@link DetachedProcesses}) into their logs as the files grow:
 * one shared thread polls every followed file a few times a second, never a thread per application. Each file is
 * read from its start, so a later server's log holds the lines printed while no server ran. Thread-safe.
 */
public final class OutputFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutputFollower.class);
    private static final long POLL_MILLIS = 250;
    /** A longer line without a newline is passed on in pieces: the log cuts long lines anyway. */
    private static final int MAX_PENDING_BYTES = 64 * 1024;

    private final ScheduledExecutorService reader =
            Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("output-follower"));
    private final Set<Followed> followed = ConcurrentHashMap.newKeySet();

    public OutputFollower() {
        reader.scheduleWithFixedDelay(this::readAll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Follows the stdout and stderr files in {@code directory}, from their start, into {@code output}. */
    public Followed follow(Path directory, ProcessOutput output) {
        Followed files = new Followed(directory, output);
        followed.add(files);
        return files;
    }

    /** Reads what is left of the files (the application has exited), then stops following them. */
    public CompletableFuture<Void> finish(Followed files) {
        followed.remove(files);
        try {
            return CompletableFuture.runAsync(files::readToEnd, reader);
        } catch (RejectedExecutionException e) {
            files.readToEnd();
            return CompletableFuture.completedFuture(null);
        }
    }

    /** Stops following, reading nothing more (the application is forgotten). */
    public void stop(Followed files) {
        followed.remove(files);
    }

    /** Reads the whole of the files once, on the caller's thread: for an application that has ended. */
    public static void readOnce(Path directory, ProcessOutput output) {
        new Followed(directory, output).readToEnd();
    }

    private void readAll() {
        for (Followed files : followed) {
            try {
                files.readAvailable();
            } catch (RuntimeException e) {
                LOG.warn("Cannot read the output in {}: {}", files.directory, e.toString());
            }
        }
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }

    /** The two files of one application. Confined to the reader thread (or the one caller of readOnce). */
    public static final class Followed {
        private final Path directory;
        private final FileTail stdout;
        private final FileTail stderr;

        private Followed(Path directory, ProcessOutput output) {
            this.directory = directory;
            this.stdout = new FileTail(directory.resolve(DetachedProcesses.STDOUT_FILE), output::appendStdout);
            this.stderr = new FileTail(directory.resolve(DetachedProcesses.STDERR_FILE), output::appendStderr);
        }

        private synchronized void readAvailable() {
            stdout.read(false);
            stderr.read(false);
        }

        private synchronized void readToEnd() {
            stdout.read(true);
            stderr.read(true);
        }
    }

    private static final class FileTail {
        private final Path file;
        private final Consumer<String> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final ByteBuffer buffer = ByteBuffer.allocate(8192);
        private long position;

        FileTail(Path file, Consumer<String> lines) {
            this.file = file;
            this.lines = lines;
        }

        /** @param last whether the file is complete: a last line without a newline is passed on too */
        void read(boolean last) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                channel.position(position);
                while (true) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read <= 0) {
                        break;
                    }
                    position += read;
                    split(buffer.array(), read);
                }
            } catch (NoSuchFileException e) {
                // not created yet: nothing printed
            } catch (IOException e) {
                LOG.warn("Cannot read {}: {}", file, e.toString());
            }
            if (last && pending.size() > 0) {
                emit();
            }
        }

        private void split(byte[] bytes, int length) {
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (bytes[i] == '\n') {
                    pending.write(bytes, start, i - start);
                    emit();
                    start = i + 1;
                }
            }
            pending.write(bytes, start, length - start);
            if (pending.size() > MAX_PENDING_BYTES) {
                emit();
            }
        }

        private void emit() {
            String line = pending.toString(StandardCharsets.UTF_8);
            pending.reset();
            lines.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }
}
