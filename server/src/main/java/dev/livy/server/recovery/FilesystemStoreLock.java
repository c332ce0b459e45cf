package dev.livy.server.recovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The {@code lock} file in a filesystem store's root, locked with {@link FileChannel#tryLock} for the server's life:
 * the operating system releases it when the process ends, even by SIGKILL, so a crash never leaves it held. The
 * file names its holder for the server that is refused. Thread-safe.
 */
final class FilesystemStoreLock implements AutoCloseable {
    static final String FILE_NAME = "lock";
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final FileChannel channel;
    private final FileLock lock;

    private FilesystemStoreLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** @throws StoreLockedException naming the holder when another process (or this one) holds the lock */
    static FilesystemStoreLock acquire(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), PRIVATE_FILE);
        try {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new StoreLockedException("Another Livy server (" + holder(file) + ") holds the state store "
                        + root);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(LockHolder.current().toJson()), 0);
            channel.force(true);
            return new FilesystemStoreLock(channel, lock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null;
        }
    }

    private static String holder(Path file) {
        try {
            return LockHolder.parse(Files.readAllBytes(file)).map(LockHolder::describe).orElse("unknown process");
        } catch (IOException e) {
            return "unknown process";
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (!channel.isOpen()) {
            return;
        }
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
