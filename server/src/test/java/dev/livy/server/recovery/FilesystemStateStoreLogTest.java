package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem store's logs: {@code <key>.log}, framed records, what a crash leaves, compaction. */
class FilesystemStateStoreLogTest {
    @TempDir
    Path temp;

    @Test
    void recordsAppendedAreReadBackInOrderByANewStoreAndAppendsGoOnAfterThem() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.put("sessions/3", bytes("session"));
            store.append("sessions/3", bytes("one"));
            store.append("sessions/3", bytes("two"));
        }

        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("one", "two"), texts(reopened.records("sessions/3")));
            reopened.append("sessions/3", bytes("three"));
            assertEquals(List.of("one", "two", "three"), texts(reopened.records("sessions/3")));
            assertEquals(List.of("3"), reopened.children("sessions"), "a log is no key of its own");
            assertEquals("session", text(reopened.get("sessions/3").orElseThrow()));
            assertEquals(List.of(), reopened.records("sessions/4"));
        }
    }

    @Test
    void aLogAndTheDirectoriesMadeForItAreTheServersUsersOnly() throws Exception {
        try (FilesystemStateStore store = FilesystemStateStore.open(temp.resolve("state"))) {
            store.append("sessions/7", bytes("a secret inside"));
        }

        assertEquals("rw-------", permissions(temp.resolve("state/sessions/7.log")));
        assertEquals("rwx------", permissions(temp.resolve("state/sessions")));
    }

    @Test
    void aTornLastRecordIsDroppedAndTheNextAppendFollowsTheLastWholeOne() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.append("sessions/1", bytes("first"));
            store.append("sessions/1", bytes("second"));
        }
        Path log = root.resolve("sessions/1.log");
        try (FileChannel channel = FileChannel.open(log, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(log) - 2);
        }

        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("first"), texts(reopened.records("sessions/1")));
            reopened.append("sessions/1", bytes("third"));
        }
        try (FilesystemStateStore again = FilesystemStateStore.open(root)) {
            assertEquals(List.of("first", "third"), texts(again.records("sessions/1")));
        }
    }

    @Test
    void aHeaderCutShortAtTheEndIsATornRecordToo() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.append("sessions/1", bytes("whole"));
        }
        Files.write(root.resolve("sessions/1.log"), new byte[] {0, 0, 0}, StandardOpenOption.APPEND);

        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("whole"), texts(reopened.records("sessions/1")));
        }
    }

    @Test
    void aCorruptRecordInTheMiddleIsSkippedAndTheRestRead() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.append("sessions/2", bytes("before"));
            store.append("sessions/2", bytes("damaged"));
            store.append("sessions/2", bytes("after"));
        }
        Path log = root.resolve("sessions/2.log");
        byte[] content = Files.readAllBytes(log);
        int damaged = 8 + "before".length() + 8;
        content[damaged] = 'X';
        Files.write(log, content);

        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("before", "after"), texts(reopened.records("sessions/2")));
        }
        assertEquals(content.length, Files.size(log), "a corrupt middle record is not cut off");
    }

    @Test
    void replacingALogLeavesExactlyTheNewRecordsAndAppendsFollowThem() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.append("sessions/5", bytes("a"));
            store.append("sessions/5", bytes("b"));
            store.append("sessions/5", bytes("c"));

            store.replaceRecords("sessions/5", List.of(bytes("b+c")));
            store.append("sessions/5", bytes("d"));

            assertEquals(List.of("b+c", "d"), texts(store.records("sessions/5")));
            try (Stream<String> names = Files.list(root.resolve("sessions")).map(p -> p.getFileName().toString())) {
                assertEquals(List.of("5.log"), names.toList(), "no temporary file stays");
            }
            assertEquals("rw-------", permissions(root.resolve("sessions/5.log")));
        }
        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("b+c", "d"), texts(reopened.records("sessions/5")));
        }
    }

    @Test
    void aCompactionCutShortByACrashLeavesTheOldLogWhole() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.append("sessions/6", bytes("old one"));
            store.append("sessions/6", bytes("old two"));
        }
        // What a crash between the temporary file's write and its rename leaves.
        Files.writeString(root.resolve("sessions/.tmp-4-6.log"), "half a compaction");

        try (FilesystemStateStore reopened = FilesystemStateStore.open(root)) {
            assertEquals(List.of("old one", "old two"), texts(reopened.records("sessions/6")));
            assertFalse(Files.exists(root.resolve("sessions/.tmp-4-6.log")));
        }
    }

    @Test
    void deletingAKeyRemovesItsLogAndALaterAppendStartsAFreshOne() throws Exception {
        Path root = temp.resolve("state");
        try (FilesystemStateStore store = FilesystemStateStore.open(root)) {
            store.put("sessions/8", bytes("session"));
            store.append("sessions/8", bytes("statement"));

            store.delete("sessions/8");

            assertFalse(Files.exists(root.resolve("sessions/8.log")));
            assertEquals(List.of(), store.records("sessions/8"));
            assertEquals(List.of(), store.children("sessions"));
            store.append("sessions/8", bytes("again"));
            assertEquals(List.of("again"), texts(store.records("sessions/8")));
        }
    }

    private static String permissions(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(FilesystemStateStoreLogTest::text).toList();
    }
}
