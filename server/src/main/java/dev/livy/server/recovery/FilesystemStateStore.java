package dev.livy.server.recovery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * A {@link StateStore} in a local directory: key {@code a/b} is the file {@code <root>/a/b.value}, and keys under it
 * live in the directory {@code <root>/a/b}; its log is the file {@code <root>/a/b.log} ({@link FilesystemLogs}). A
 * value is written to a temporary file in the same directory, forced to disk and renamed over the old one, so a crash
 * leaves the old value or the new, never a torn one. The root and everything in it are readable by the server's user
 * only (directories 700, files 600). The store holds the {@code lock} file in its root from {@link #open} to {@link
 * #close}, so that a second server cannot use the same directory. Thread-safe.
 */
public final class FilesystemStateStore implements StateStore {
    static final String VALUE_SUFFIX = ".value";
    static final String LOG_SUFFIX = ".log";
    private static final String TEMPORARY_PREFIX = ".tmp-";
    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE_DIRECTORY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    static final FileAttribute<Set<PosixFilePermission>> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path root;
    private final FilesystemStoreLock lock;
    private final AtomicLong temporaryNames = new AtomicLong();
    private final FilesystemLogs logs = new FilesystemLogs(TEMPORARY_PREFIX);

    private FilesystemStateStore(Path root, FilesystemStoreLock lock) {
        this.root = root;
        this.lock = lock;
    }

    /**
     * Opens the store in {@code root}, creating it (mode 700) when missing, takes its lock until {@link #close},
     * and proves it can be written.
     *
     * @throws StoreLockedException naming the holder when another server (or another store here) holds the lock
     * @throws IOException when the directory cannot be created or written
     */
    public static FilesystemStateStore open(Path root) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        createPrivateDirectories(absolute);
        Files.setPosixFilePermissions(absolute, PosixFilePermissions.fromString("rwx------"));
        FilesystemStoreLock lock = FilesystemStoreLock.acquire(absolute);
        try {
            // Only with the lock: a holder's temporary files are its writes in flight.
            removeTemporaryFiles(absolute);
            Path probe = Files.createTempFile(absolute, TEMPORARY_PREFIX, "", PRIVATE_FILE);
            Files.delete(probe);
            return new FilesystemStateStore(absolute, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        Objects.requireNonNull(value, "value");
        Path file = valueFile(key);
        Path directory = file.getParent();
        createPrivateDirectories(directory);
        Path temporary = directory.resolve(TEMPORARY_PREFIX + temporaryNames.incrementAndGet() + "-"
                + file.getFileName());
        try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE), PRIVATE_FILE)) {
            ByteBuffer buffer = ByteBuffer.wrap(value);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.deleteIfExists(temporary);
            throw new IOException("The state directory " + root + " cannot rename files atomically", e);
        } catch (IOException e) {
            Files.deleteIfExists(temporary);
            throw e;
        }
        forceDirectory(directory);
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        try {
            return Optional.of(Files.readAllBytes(valueFile(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<String> children(String key) throws IOException {
        Path directory = directory(key);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.startsWith(TEMPORARY_PREFIX)) {
                    continue;
                }
                String child = name;
                if (Files.isRegularFile(entry) && name.endsWith(VALUE_SUFFIX)) {
                    child = name.substring(0, name.length() - VALUE_SUFFIX.length());
                } else if (Files.isRegularFile(entry) && name.endsWith(LOG_SUFFIX)) {
                    child = name.substring(0, name.length() - LOG_SUFFIX.length());
                }
                if (!names.contains(child)) {
                    names.add(child);
                }
            }
        }
        Collections.sort(names);
        return List.copyOf(names);
    }

    @Override
    public void append(String key, byte[] record) throws IOException {
        Objects.requireNonNull(record, "record");
        logs.append(logFile(key), record);
    }

    @Override
    public List<byte[]> records(String key) throws IOException {
        return logs.records(logFile(key));
    }

    @Override
    public void replaceRecords(String key, List<byte[]> records) throws IOException {
        logs.replace(logFile(key), List.copyOf(records));
    }

    @Override
    public void delete(String key) throws IOException {
        Path directory = directory(key);
        Path log = logFile(key);
        logs.forget(log, directory);
        boolean removed = Files.deleteIfExists(log);
        if (Files.isDirectory(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Collections.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
        Path file = valueFile(key);
        if (Files.deleteIfExists(file) || removed) {
            forceDirectory(file.getParent());
        }
    }

    /** Closes the logs and releases the lock: another server may open the directory from now on. */
    @Override
    public void close() throws IOException {
        try {
            logs.close();
        } finally {
            lock.close();
        }
    }

    private Path valueFile(String key) {
        StateStore.checkKey(key);
        return root.resolve(key + VALUE_SUFFIX);
    }

    private Path logFile(String key) {
        StateStore.checkKey(key);
        return root.resolve(key + LOG_SUFFIX);
    }

    private Path directory(String key) {
        StateStore.checkKey(key);
        return root.resolve(key);
    }

    static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            createPrivateDirectories(parent);
        }
        try {
            Files.createDirectory(directory, PRIVATE_DIRECTORY);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
        }
    }

    /** Makes a rename or delete in the directory durable. */
    static void forceDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Temporary files a crash left behind; never renamed, so never a value. */
    private static void removeTemporaryFiles(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.filter(p -> p.getFileName().toString().startsWith(TEMPORARY_PREFIX)).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
