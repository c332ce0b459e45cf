package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemStoreLockTest {
    @TempDir
    Path temp;

    @Test
    void aSecondStoreOnTheSameDirectoryIsRefusedUntilTheFirstIsClosed() throws Exception {
        Path root = temp.resolve("state");
        FilesystemStateStore first = FilesystemStateStore.open(root);
        first.put("ids/session", "3".getBytes(StandardCharsets.UTF_8));

        StoreLockedException refused = assertThrows(StoreLockedException.class,
                () -> FilesystemStateStore.open(root));
        assertTrue(refused.getMessage().contains("pid " + ProcessHandle.current().pid()), refused.getMessage());
        assertEquals("3", new String(first.get("ids/session").orElseThrow(), StandardCharsets.UTF_8),
                "the refused store touched nothing");

        first.close();
        FilesystemStateStore.open(root).close();
    }

    @Test
    void aServerProcessThatHoldsTheStoreRefusesOthersUntilItIsKilled() throws Exception {
        Path root = temp.resolve("state");
        Process holder = new ProcessBuilder(List.of(
                ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), LockHoldingProcess.class.getName(), root.toString()))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertEquals("locked", CompletableFuture.supplyAsync(() -> readLine(output)).get(60, TimeUnit.SECONDS));

            StoreLockedException refused = assertThrows(StoreLockedException.class,
                    () -> FilesystemStateStore.open(root));
            assertTrue(refused.getMessage().contains("pid " + holder.pid() + " on host "), refused.getMessage());

            // SIGKILL: no shutdown hook runs, only the kernel releases the lock.
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
            FilesystemStateStore.open(root).close();
        } finally {
            holder.destroyForcibly();
            holder.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
