package dev.livy.server.recovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log files of a {@link FilesystemStateStore}: a log's channel stays open from its first append until the log
 * is deleted, replaced or the store closes, so an append costs one write and one {@code fdatasync}. Operations on
 * one log are serialised by its own monitor; logs do not wait on each other. Thread-safe.
 */
final class FilesystemLogs implements AutoCloseable {
    private final Map<Path, LogFile> logs = new ConcurrentHashMap<>();
    private final AtomicLong temporaryNames = new AtomicLong();
    private final String temporaryPrefix;

    FilesystemLogs(String temporaryPrefix) {
        this.temporaryPrefix = temporaryPrefix;
    }

    void append(Path file, byte[] record) throws IOException {
        LogFile log = logs.computeIfAbsent(file, LogFile::new);
        synchronized (log) {
            log.append(LogFrames.frame(record));
        }
    }

    List<byte[]> records(Path file) throws IOException {
        LogFile log = logs.computeIfAbsent(file, LogFile::new);
        synchronized (log) {
            return log.read();
        }
    }

    void replace(Path file, List<byte[]> records) throws IOException {
        LogFile log = logs.computeIfAbsent(file, LogFile::new);
        Path directory = file.getParent();
        Path temporary = directory.resolve(temporaryPrefix + temporaryNames.incrementAndGet() + "-"
                + file.getFileName());
        synchronized (log) {
            FilesystemStateStore.createPrivateDirectories(directory);
            try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), FilesystemStateStore.PRIVATE_FILE)) {
                for (byte[] record : records) {
                    writeFully(channel, LogFrames.frame(record));
                }
                channel.force(true);
                log.closeChannel();
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.deleteIfExists(temporary);
                throw new IOException("The state directory " + directory + " cannot rename files atomically", e);
            } catch (IOException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            FilesystemStateStore.forceDirectory(directory);
        }
    }

    /** Closes the channels of the log {@code file} and of every log under {@code directory}, before they go. */
    void forget(Path file, Path directory) throws IOException {
        for (Path path : List.copyOf(logs.keySet())) {
            if (path.equals(file) || path.startsWith(directory)) {
                LogFile log = logs.remove(path);
                if (log != null) {
                    synchronized (log) {
                        log.closeChannel();
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        for (Path path : List.copyOf(logs.keySet())) {
            forget(path, path);
        }
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** One log file and its open channel; guarded by its own monitor. */
    private static final class LogFile {
        private final Path file;
        private FileChannel channel;

        LogFile(Path file) {
            this.file = file;
        }

        void append(ByteBuffer frame) throws IOException {
            boolean created = false;
            if (channel == null) {
                FilesystemStateStore.createPrivateDirectories(file.getParent());
                try {
                    channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                            StandardOpenOption.APPEND), FilesystemStateStore.PRIVATE_FILE);
                    created = true;
                } catch (FileAlreadyExistsException e) {
                    channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                }
            }
            long before = channel.size();
            try {
                writeFully(channel, frame);
                channel.force(false);
            } catch (IOException e) {
                // A half-written frame would make the records after it unreadable: cut it off, or stop using it.
                try {
                    channel.truncate(before);
                } catch (IOException truncateFailed) {
                    e.addSuppressed(truncateFailed);
                    closeChannel();
                }
                throw e;
            }
            if (created) {
                FilesystemStateStore.forceDirectory(file.getParent());
            }
        }

        /** Reads the log, and cuts a torn tail off so that later appends follow the last whole record. */
        List<byte[]> read() throws IOException {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return List.of();
            }
            LogFrames.Read read = LogFrames.read(ByteBuffer.wrap(bytes), file.toString());
            if (read.validLength() < bytes.length) {
                closeChannel();
                try (FileChannel writable = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    writable.truncate(read.validLength());
                    writable.force(false);
                }
            }
            return read.records();
        }

        void closeChannel() throws IOException {
            if (channel != null) {
                FileChannel open = channel;
                channel = null;
                open.close();
            }
        }
    }
}
