package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemStateStoreTest {
    @TempDir
    Path temp;

    @Test
    void aValueWrittenIsReadBackByANewStoreOnTheSameDirectory() throws Exception {
        try (FilesystemStateStore store = FilesystemStateStore.open(temp.resolve("state"))) {
            store.put("sessions/3", bytes("three"));
        }

        try (FilesystemStateStore reopened = FilesystemStateStore.open(temp.resolve("state"))) {
            assertEquals("three", reopened.get("sessions/3").map(FilesystemStateStoreTest::text).orElseThrow());
            assertTrue(reopened.get("sessions/4").isEmpty());
        }
    }

    @Test
    void aKeyCanHoldAValueAndKeysUnderItAndDeletingItRemovesBoth() throws Exception {
        FilesystemStateStore store = FilesystemStateStore.open(temp.resolve("state"));
        store.put("sessions/1", bytes("one"));
        store.put("sessions/1/statements/0", bytes("s0"));
        store.put("sessions/10", bytes("ten"));

        assertEquals(List.of("1", "10"), store.children("sessions"));
        assertEquals(List.of("0"), store.children("sessions/1/statements"));

        store.delete("sessions/1");

        assertEquals(List.of("10"), store.children("sessions"));
        assertTrue(store.get("sessions/1/statements/0").isEmpty());
        store.delete("sessions/never");
    }

    @Test
    void onlyTheServersUserCanReadWhatIsStored() throws Exception {
        FilesystemStateStore store = FilesystemStateStore.open(temp.resolve("state"));
        store.put("sessions/2", bytes("secret inside"));

        try (Stream<Path> paths = Files.walk(temp.resolve("state"))) {
            paths.forEach(path -> assertTrue(
                    List.of("rwx------", "rw-------").contains(PosixFilePermissions.toString(permissions(path))),
                    path.toString()));
        }
    }

    @Test
    void aRewriteReplacesTheValueAndLeavesNoTemporaryFile() throws Exception {
        FilesystemStateStore store = FilesystemStateStore.open(temp.resolve("state"));
        store.put("ids/session", bytes("1"));
        store.put("ids/session", bytes("2"));

        assertEquals("2", store.get("ids/session").map(FilesystemStateStoreTest::text).orElseThrow());
        try (Stream<String> names = Files.list(temp.resolve("state/ids")).map(p -> p.getFileName().toString())) {
            assertEquals(List.of("session.value"), names.toList());
        }
    }

    @Test
    void aTemporaryFileLeftByACrashIsNeitherAValueNorKept() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.put("batches/1", bytes("kept"));
        }
        Files.writeString(root.resolve("batches/.tmp-9-2.value"), "torn");

        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("1"), reopened.children("batches"));
            assertFalse(Files.exists(root.resolve("batches/.tmp-9-2.value")));
        }
    }

    @Test
    void keysThatAreNotPathsOfPlainSegmentsAreRefused() throws Exception {
        FilesystemStateStore store = FilesystemStateStore.open(temp.resolve("state"));

        for (String key : new String[] {"../escape", "a/..", ".hidden", "a//b", "/abs", "a/", "", "a b"}) {
            assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")), key);
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }
}
