package dev.livy.server.launch;

import dev.livy.server.util.Directories;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directory under which one server keeps its sessions' and batches' scratch directories (launch configs,
 * properties files holding users' conf), marked with a small file naming its owner: the server's pid and the
 * process start time. A server that dies without cleaning up leaves it behind; the next server to start in the
 * same parent removes it once the owner is gone (pid gone, or reused by a process that started at another time),
 * and never one whose owner still runs. Thread-safe (stateless).
 */
public final class ServerWorkDirectory {
    static final String PREFIX = "livy-server-";
    static final String OWNER_FILE = "owner";
    private static final Logger LOG = LoggerFactory.getLogger(ServerWorkDirectory.class);

    private ServerWorkDirectory() {
    }

    /** A new private directory in {@code parent}, marked as this process's. */
    public static Path create(Path parent) throws IOException {
        Path directory = Files.createTempDirectory(parent, PREFIX,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path ownerFile = Files.createFile(directory.resolve(OWNER_FILE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(ownerFile, owner(ProcessHandle.current()).orElseThrow(
                () -> new IOException("Cannot read this process's start time")) + "\n");
        return directory;
    }

    /** Removes the marked directories in {@code parent} whose owner no longer runs; returns them. */
    public static List<Path> removeAbandoned(Path parent) {
        List<Path> removed = new ArrayList<>();
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(parent, PREFIX + "*")) {
            for (Path candidate : candidates) {
                if (isAbandoned(candidate)) {
                    Directories.deleteRecursively(candidate);
                    removed.add(candidate);
                }
            }
        } catch (IOException e) {
            LOG.warn("Cannot look for work directories of stopped servers in {}: {}", parent, e.toString());
        }
        removed.forEach(directory -> LOG.info("Removed {}, left behind by a server that is no longer running",
                directory));
        return removed;
    }

    private static boolean isAbandoned(Path directory) {
        Path ownerFile = directory.resolve(OWNER_FILE);
        if (!Files.isRegularFile(ownerFile) || !Files.isReadable(ownerFile)) {
            return false;
        }
        String recorded;
        try {
            recorded = Files.readString(ownerFile).strip();
        } catch (IOException e) {
            return false;
        }
        String[] fields = recorded.split(" ");
        if (fields.length != 2 || !fields[0].matches("\\d{1,19}")) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(Long.parseLong(fields[0]));
        if (process.isEmpty()) {
            return true;
        }
        // Unknown start time: it may be the owner, so the directory stays.
        return owner(process.get()).map(current -> !current.equals(recorded)).orElse(false);
    }

    /** {@code "<pid> <start time in ms>"}: a pid alone could be reused by a later process. */
    static Optional<String> owner(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli)
                .map(started -> process.pid() + " " + started);
    }
}
