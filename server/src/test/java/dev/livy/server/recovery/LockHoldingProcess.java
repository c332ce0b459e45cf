package dev.livy.server.recovery;

import java.nio.file.Path;

/**
 * A second JVM for {@link FilesystemStoreLockTest}: opens the filesystem store named by its argument, says
 * {@code locked} on stdout and holds the store until its stdin closes or it is killed.
 */
public final class LockHoldingProcess {
    private LockHoldingProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (FilesystemStateStore store = FilesystemStateStore.open(Path.of(args[0]))) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() != -1) {
                continue;
            }
        }
    }
}
