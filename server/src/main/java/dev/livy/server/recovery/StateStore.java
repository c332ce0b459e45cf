package dev.livy.server.recovery;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a server keeps what must outlive it (with {@code livy.server.recovery.mode = recovery}): the next ids, each
 * session with its statements, each batch. Keys are paths of segments (letters, digits, {@code _ - .}, not starting
 * with a dot) joined by {@code /}, such as {@code sessions/4/statements/12}; a key may hold a value and have keys
 * under it, and it may hold an append-only log of records besides (a session's statements), which is cheaper to
 * grow durably than a value is to replace. Implementations are thread-safe.
 */
public interface StateStore extends AutoCloseable {
    /** The store of a server that keeps nothing: every write is dropped, every read is empty. */
    StateStore DISABLED = new StateStore() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void put(String key, byte[] value) {
            checkKey(key);
        }

        @Override
        public Optional<byte[]> get(String key) {
            checkKey(key);
            return Optional.empty();
        }

        @Override
        public List<String> children(String key) {
            checkKey(key);
            return List.of();
        }

        @Override
        public void delete(String key) {
            checkKey(key);
        }

        @Override
        public void append(String key, byte[] record) {
            checkKey(key);
        }

        @Override
        public List<byte[]> records(String key) {
            checkKey(key);
            return List.of();
        }

        @Override
        public void replaceRecords(String key, List<byte[]> records) {
            checkKey(key);
        }

        @Override
        public void close() {
        }
    };

    /** Whether anything is kept: false for {@link #DISABLED}. */
    boolean enabled();

    /** Stores the value atomically and durably: once this returns, even a crash of the machine leaves it. */
    void put(String key, byte[] value) throws IOException;

    Optional<byte[]> get(String key) throws IOException;

    /** The last segments of the keys directly under {@code key}, sorted; empty when there are none. */
    List<String> children(String key) throws IOException;

    /** Removes the key, its log and every key under it; nothing happens when there is none. */
    void delete(String key) throws IOException;

    /**
     * Adds a record at the end of the key's log, creating the log when it has none; durable when this returns (one
     * write and one data sync; the first append to a new log also makes the log itself durable).
     */
    void append(String key, byte[] record) throws IOException;

    /**
     * The records of the key's log in the order they were appended; empty when it has none. A last record that a
     * crash left torn is dropped, and a corrupt record before it is skipped, each with a logged reason.
     */
    List<byte[]> records(String key) throws IOException;

    /**
     * Replaces the key's whole log by these records atomically (a compaction): a crash leaves the old log or the
     * new one, never a mix. An empty list leaves an empty log.
     */
    void replaceRecords(String key, List<byte[]> records) throws IOException;

    @Override
    void close() throws IOException;

    /** @throws IllegalArgumentException naming the key when it is not a path of valid segments */
    static String checkKey(String key) {
        if (key == null || !KeySyntax.KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Not a state store key: " + key);
        }
        return key;
    }

    /** The key grammar, in a holder so that the interface exposes no constant of it. */
    final class KeySyntax {
        static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

        private KeySyntax() {
        }
    }
}
