package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work directories of servers that are gone are removed at start-up; a running server's never are. */
class ServerWorkDirectoryTest {
    @TempDir
    Path parent;

    @Test
    void createsAPrivateDirectoryMarkedWithThisServersPidAndStartTime() throws Exception {
        Path directory = ServerWorkDirectory.create(parent);

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(directory)));
        String owner = Files.readString(directory.resolve(ServerWorkDirectory.OWNER_FILE)).strip();
        assertTrue(owner.startsWith(ProcessHandle.current().pid() + " "), owner);
        assertEquals(List.of(), ServerWorkDirectory.removeAbandoned(parent), "a live server's directory stays");
        assertTrue(Files.isDirectory(directory));
    }

    @Test
    void removesTheDirectoriesOfServersThatAreGoneOrWhosePidWasReused() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        String exitedOwner = ServerWorkDirectory.owner(exited.toHandle()).orElse(exited.pid() + " 1");
        assertTrue(exited.waitFor(10, TimeUnit.SECONDS));
        Path gone = marked("livy-server-gone", exitedOwner);
        Path reused = marked("livy-server-reused", ProcessHandle.current().pid() + " 12345");
        Path running = marked("livy-server-running", ServerWorkDirectory.owner(ProcessHandle.current()).orElseThrow());
        Path unmarked = Files.createDirectory(parent.resolve("livy-server-unmarked"));
        Files.writeString(gone.resolve("spark-submit.conf"), "spark.secret=x");

        ServerWorkDirectory.removeAbandoned(parent);

        assertTrue(Files.notExists(gone), "pid gone");
        assertTrue(Files.notExists(reused), "pid alive but started at another time");
        assertTrue(Files.isDirectory(running), "its server runs");
        assertTrue(Files.isDirectory(unmarked), "not known to be a server's");
    }

    private Path marked(String name, String owner) throws Exception {
        Path directory = Files.createDirectory(parent.resolve(name));
        Files.writeString(directory.resolve(ServerWorkDirectory.OWNER_FILE), owner + "\n");
        return directory;
    }
}
