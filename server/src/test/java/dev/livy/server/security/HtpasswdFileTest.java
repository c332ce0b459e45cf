package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class HtpasswdFileTest {
    /*
     * src/test/resources/security/htpasswd is real htpasswd output (Apache 2.4, Debian's apache2-utils), made with:
     *   htpasswd -B -c -b htpasswd alice 'wonderland'
     *   htpasswd -B -b htpasswd bob 'pass:with:colons'
     *   htpasswd -B -b htpasswd dave 'a-passphrase-longer-than-the-seventy-two-bytes-that-bcrypt-reads-from-it-at-all'
     *   htpasswd -m -b htpasswd mallory 'md5-is-refused'
     */
    private static final String DAVE =
            "a-passphrase-longer-than-the-seventy-two-bytes-that-bcrypt-reads-from-it-at-all";

    @TempDir
    Path directory;

    @Test
    void acceptsTheRightPasswordOfARealHtpasswdFile() {
        HtpasswdFile file = new HtpasswdFile(fixture());

        assertTrue(file.matches("alice", "wonderland"));
        assertFalse(file.matches("alice", "Wonderland"));
        assertFalse(file.matches("alice", ""));
        assertFalse(file.matches("nobody", "wonderland"));
    }

    @Test
    void aPasswordMayContainColonsBecauseOnlyTheFirstOneEndsTheUserName() {
        HtpasswdFile file = new HtpasswdFile(fixture());

        assertTrue(file.matches("bob", "pass:with:colons"));
        assertFalse(file.matches("bob:pass", "with:colons"));
    }

    @Test
    void likeHtpasswdOnlyTheFirstSeventyTwoBytesOfAPasswordCount() {
        HtpasswdFile file = new HtpasswdFile(fixture());

        assertTrue(file.matches("dave", DAVE));
        assertTrue(file.matches("dave", DAVE.substring(0, 72) + "-and-anything-else"));
        assertFalse(file.matches("dave", DAVE.substring(0, 71)));
    }

    @Test
    void aUserWithAnMd5HashCannotLogInAndTheWarningNamesLineAndUserButNotTheHash() throws IOException {
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            HtpasswdFile file = new HtpasswdFile(fixture());

            assertFalse(file.matches("mallory", "md5-is-refused"));
            assertTrue(file.matches("alice", "wonderland"));
            String hash = Files.readAllLines(fixture()).get(3).split(":")[1];
            List<String> warnings = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(message -> message.contains("mallory")).toList();
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).endsWith("line 4: user 'mallory' cannot log in: the hash is MD5 ($apr1$), "
                    + "and only bcrypt (htpasswd -B) is accepted"), warnings.get(0));
            assertFalse(warnings.get(0).contains(hash), warnings.get(0));
        } finally {
            stopCapturing(logs);
        }
    }

    @Test
    void acceptsEveryBcryptFlavourAndSkipsCommentsAndBlankLines() throws IOException {
        Path path = write("""
                # the team
                alice:%s

                   \r
                bob:%s\r
                # carol left
                carol:%s
                """.formatted(hash(BCrypt.Version.VERSION_2A, "a-secret"), hash(BCrypt.Version.VERSION_2B, "b-secret"),
                hash(BCrypt.Version.VERSION_2Y, "c-secret")));

        HtpasswdFile file = new HtpasswdFile(path);

        assertTrue(file.matches("alice", "a-secret"));
        assertTrue(file.matches("bob", "b-secret"));
        assertTrue(file.matches("carol", "c-secret"));
        assertFalse(file.matches("# carol left", "c-secret"));
        assertFalse(file.matches("alice", "b-secret"));
    }

    @Test
    void otherSchemesAndBrokenLinesAreRefusedWithAReason() {
        HtpasswdUsers users = HtpasswdUsers.parse("""
                alice:{SHA}W6ph5Mm5Pz8GgiULbPgzG37mj9g=
                bob:$6$rounds=5000$salt$hash
                carol:rqXexS6ZhobKA
                no colon here
                dave:$2y$05$short
                """);

        assertEquals(0, users.size());
        assertEquals(List.of(
                "line 1: user 'alice' cannot log in: the hash is SHA-1 ({SHA}), and only bcrypt (htpasswd -B) is "
                        + "accepted",
                "line 2: user 'bob' cannot log in: the hash is SHA-2 crypt, and only bcrypt (htpasswd -B) is accepted",
                "line 3: user 'carol' cannot log in: the hash is crypt or plain-text, and only bcrypt (htpasswd -B) "
                        + "is accepted",
                "line 4 is not user:hash; it is ignored",
                "line 5: user 'dave' cannot log in: the hash is malformed bcrypt, and only bcrypt (htpasswd -B) is "
                        + "accepted"), users.problems());
    }

    @Test
    void seesAddedChangedAndRemovedUsersWithoutARestart() throws IOException {
        Path path = write("alice:" + hash(BCrypt.Version.VERSION_2Y, "first") + "\n");
        HtpasswdFile file = new HtpasswdFile(path);
        assertTrue(file.matches("alice", "first"));
        assertFalse(file.matches("bob", "bobs"));

        Files.writeString(path, "bob:" + hash(BCrypt.Version.VERSION_2Y, "bobs") + "\n", StandardOpenOption.APPEND);
        assertTrue(file.matches("bob", "bobs"));

        Files.writeString(path, "alice:" + hash(BCrypt.Version.VERSION_2Y, "second") + "\n");
        assertFalse(file.matches("alice", "first"), "the remembered old password must be forgotten");
        assertTrue(file.matches("alice", "second"));
        assertFalse(file.matches("bob", "bobs"), "bob was removed");
    }

    @Test
    void aNewPasswordCountsEvenWhenTheRewriteKeepsSizeAndModificationTime() throws IOException {
        Path path = write("alice:" + hash(BCrypt.Version.VERSION_2Y, "first") + "\n");
        HtpasswdFile file = new HtpasswdFile(path);
        assertTrue(file.matches("alice", "first"));

        // What two writes within one timestamp tick look like: same inode, same size, same modification time.
        FileTime before = Files.getLastModifiedTime(path);
        long size = Files.size(path);
        Files.writeString(path, "alice:" + hash(BCrypt.Version.VERSION_2Y, "other") + "\n");
        Files.setLastModifiedTime(path, before);
        assertEquals(size, Files.size(path));

        assertFalse(file.matches("alice", "first"));
        assertTrue(file.matches("alice", "other"));
    }

    @Test
    void seesAFileReplacedByRenaming() throws IOException {
        Path path = write("alice:" + hash(BCrypt.Version.VERSION_2Y, "first") + "\n");
        HtpasswdFile file = new HtpasswdFile(path);
        assertTrue(file.matches("alice", "first"));

        Path replacement = directory.resolve("htpasswd.new");
        Files.writeString(replacement, "alice:" + hash(BCrypt.Version.VERSION_2Y, "other") + "\n");
        Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(path));
        Files.move(replacement, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

        assertTrue(file.matches("alice", "other"));
        assertFalse(file.matches("alice", "first"));
    }

    @Test
    void aMissingFileStopsTheServerFromStarting() {
        Path missing = directory.resolve("no-such-file");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                () -> new HtpasswdFile(missing));

        assertTrue(thrown.getMessage().startsWith("Cannot read the htpasswd file " + missing), thrown.getMessage());
    }

    @Test
    void aDeletedOrUnreadableFileLetsNobodyInUntilItIsBack() throws IOException {
        Path path = write("alice:" + hash(BCrypt.Version.VERSION_2Y, "first") + "\n");
        HtpasswdFile file = new HtpasswdFile(path);
        assertTrue(file.matches("alice", "first"));

        Files.delete(path);
        CredentialStoreUnavailableException gone = assertThrows(CredentialStoreUnavailableException.class,
                () -> file.matches("alice", "first"));
        assertTrue(gone.getMessage().contains(path.toString()), gone.getMessage());

        Files.createDirectory(path);
        assertThrows(CredentialStoreUnavailableException.class, () -> file.matches("alice", "first"));

        Files.delete(path);
        Files.writeString(path, "bob:" + hash(BCrypt.Version.VERSION_2Y, "bobs") + "\n");
        assertTrue(file.matches("bob", "bobs"));
        assertFalse(file.matches("alice", "first"), "users of the deleted file are not served again");
    }

    @Test
    void anUnknownUserTakesAsLongAsAWrongPassword() throws IOException {
        Path path = write("alice:" + BCrypt.withDefaults().hashToString(10, "right".toCharArray()) + "\n");
        HtpasswdFile file = new HtpasswdFile(path);
        file.matches("nobody", "warm-up");

        long wrongPassword = fastestOfThree(() -> file.matches("alice", "wrong"));
        long unknownUser = fastestOfThree(() -> file.matches("nobody", "wrong"));

        // Without the decoy an unknown user is answered in microseconds, a wrong password in tens of milliseconds: a
        // thousandfold gap, so a tenth still tells them apart on a machine loaded enough to slow either threefold.
        assertTrue(unknownUser > wrongPassword / 10, "unknown " + unknownUser + " ns, wrong " + wrongPassword + " ns");
    }

    @Test
    void aKnownUserWithACheaperHashTakesAsLongToRefuseAsAnUnknownUser() throws IOException {
        Path path = write("cheap:" + BCrypt.withDefaults().hashToString(4, "right".toCharArray()) + "\n"
                + "costly:" + BCrypt.withDefaults().hashToString(10, "right".toCharArray()) + "\n");
        HtpasswdFile file = new HtpasswdFile(path);
        file.matches("nobody", "warm-up");
        file.matches("cheap", "warm-up");

        long knownUser = medianOf(15, () -> file.matches("cheap", "wrong"));
        long unknownUser = medianOf(15, () -> file.matches("nobody", "wrong"));

        // Without padding the cost-4 user is refused some 60 times faster than a name that is not in the file.
        assertTrue(unknownUser < 3 * knownUser && knownUser < 3 * unknownUser,
                "unknown " + unknownUser + " ns, known with a wrong password " + knownUser + " ns");
    }

    @Test
    void warnsWhenGroupOrOthersCanReadTheFile() throws IOException {
        Path open = write("alice:" + hash(BCrypt.Version.VERSION_2Y, "first") + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Path closed = Files.copy(open, directory.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rw-------"));
        ListAppender<ILoggingEvent> logs = captureLogs();
        try {
            new HtpasswdFile(closed);
            assertFalse(logs.list.stream().anyMatch(event -> event.getFormattedMessage().contains("chmod 600")));

            new HtpasswdFile(open);
            assertTrue(logs.list.stream().anyMatch(event -> event.getFormattedMessage().equals("htpasswd file "
                    + open + " can be read by group or others; bcrypt hashes can be attacked offline, so make it "
                    + "readable by the server's user only (chmod 600)")), logs.list.toString());
        } finally {
            stopCapturing(logs);
        }
    }

    private Path write(String content) throws IOException {
        return Files.writeString(directory.resolve("htpasswd"), content, StandardCharsets.UTF_8);
    }

    private static String hash(BCrypt.Version version, String password) {
        return BCrypt.with(version).hashToString(BCrypt.MIN_COST, password.toCharArray());
    }

    private static long fastestOfThree(Runnable check) {
        long fastest = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long start = System.nanoTime();
            check.run();
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest;
    }

    private static long medianOf(int runs, Runnable check) {
        long[] times = new long[runs];
        for (int run = 0; run < runs; run++) {
            long start = System.nanoTime();
            check.run();
            times[run] = System.nanoTime() - start;
        }
        Arrays.sort(times);
        return times[runs / 2];
    }

    private static Path fixture() {
        try {
            return Path.of(HtpasswdFileTest.class.getResource("/security/htpasswd").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(HtpasswdFile.class)).addAppender(appender);
        return appender;
    }

    private static void stopCapturing(ListAppender<ILoggingEvent> appender) {
        ((Logger) LoggerFactory.getLogger(HtpasswdFile.class)).detachAppender(appender);
        appender.stop();
    }
}
