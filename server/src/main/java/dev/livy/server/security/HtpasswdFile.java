package dev.livy.server.security;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords against an htpasswd file of bcrypt hashes ({@code htpasswd -B -c FILE USER}).
 *
 * <p>Every check first looks at the file ({@code stat}: modification time, size, inode) and reads it again when it
 * changed, so users added, removed or given a new password count from the next request on. A file rewritten within
 * the file system's timestamp granularity of the last read keeps its stamp, so until its modification time is
 * safely in the past the contents are compared as well. When the file is deleted or cannot be read, every check
 * throws {@link CredentialStoreUnavailableException}: nobody is let in, and the users of the last good version are
 * forgotten, until the file is readable again.
 *
 * <p>A user name that is not in the file is checked against a decoy hash of the file's highest cost, and a wrong
 * password for a user whose hash is cheaper is padded with decoy checks up to that cost, so a refusal takes as long
 * whether or not the user exists. Accepted user and password pairs are remembered (as keyed hashes, see
 * {@link CredentialCache}) until the file changes, because bcrypt is slow on purpose and Basic authentication sends
 * the password with every request; refusals are never remembered.
 *
 * <p>Thread-safe: reloading is serialized, bcrypt runs outside the lock.
 */
public final class HtpasswdFile implements PasswordCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HtpasswdFile.class);
    /** Coarser than every file system's timestamps we know of (FAT's two seconds). */
    private static final Duration TIMESTAMP_GRANULARITY = Duration.ofSeconds(3);

    private final Path path;
    private Version version; // guarded by this; null after a failed read, so stale users are never served

    /**
     * Reads the file once; warns when it is readable by group or others.
     *
     * @throws IllegalArgumentException naming the path when the file is missing or cannot be read
     */
    public HtpasswdFile(Path path) {
        this.path = requireNonNull(path, "path");
        try {
            synchronized (this) {
                version = read(null);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the htpasswd file " + path + ": " + e, e);
        }
        warnIfOthersCanRead(path);
    }

    @Override
    public boolean matches(String user, String password) {
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        Version current = current();
        if (current.accepted().contains(user, password)) {
            return true;
        }
        Optional<String> hash = current.users().hashOf(user);
        if (hash.isEmpty()) {
            Bcrypt.verify(password, Bcrypt.decoy(current.users().highestCost()));
            return false;
        }
        if (!Bcrypt.verify(password, hash.get())) {
            Bcrypt.padRefusal(Bcrypt.cost(hash.get()), current.users().highestCost());
            return false;
        }
        current.accepted().add(user, password);
        return true;
    }

    private synchronized Version current() {
        try {
            version = read(version);
            return version;
        } catch (IOException e) {
            version = null;
            throw new CredentialStoreUnavailableException("Cannot read the htpasswd file " + path + ": " + e, e);
        }
    }

    /** The file's current version, reusing {@code previous} (users and accepted passwords) when it is unchanged. */
    private Version read(Version previous) throws IOException {
        Instant readStarted = Instant.now();
        FileStamp stamp = FileStamp.of(path);
        if (previous != null && previous.stamp().equals(stamp) && !previous.recentlyModified()) {
            return previous;
        }
        byte[] content = Files.readAllBytes(path);
        boolean recentlyModified = stamp.modified().toInstant().isAfter(readStarted.minus(TIMESTAMP_GRANULARITY));
        if (previous != null && Arrays.equals(previous.content(), content)) {
            return new Version(stamp, content, recentlyModified, previous.users(), previous.accepted());
        }
        HtpasswdUsers users = HtpasswdUsers.parse(new String(content, StandardCharsets.UTF_8));
        for (String problem : users.problems()) {
            LOG.warn("htpasswd file {}, {}", path, problem);
        }
        if (users.size() == 0) {
            LOG.warn("htpasswd file {} has no usable user: every request will be refused", path);
        } else {
            LOG.info("htpasswd file {}: {} usable entries", path, users.size());
        }
        return new Version(stamp, content, recentlyModified, users,
                CredentialCache.untilDropped(CredentialCache.DEFAULT_CAPACITY));
    }

    private static void warnIfOthersCanRead(Path path) {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("htpasswd file {} can be read by group or others; bcrypt hashes can be attacked offline, "
                        + "so make it readable by the server's user only (chmod 600)", path);
            }
        } catch (IOException e) {
            LOG.warn("Cannot read the permissions of htpasswd file {}: {}", path, e.toString());
        }
    }

    /**
     * One version of the file. {@code recentlyModified}: the modification time was within the timestamp granularity
     * of the read, so a rewrite may not change the stamp and the contents must be compared on the next check.
     */
    private record Version(FileStamp stamp, byte[] content, boolean recentlyModified, HtpasswdUsers users,
            CredentialCache accepted) {
    }
}
