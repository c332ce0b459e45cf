package dev.livy.server.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Hands out ids from 0 upwards and never one twice, even across restarts and crashes: the next id is stored before
 * an id is handed out. Thread-safe.
 */
public final class IdSequence {
    private final StateStore store;
    private final String key;
    private int next;

    private IdSequence(StateStore store, String key, int next) {
        this.store = store;
        this.key = key;
        this.next = next;
    }

    /**
     * The sequence stored under {@code key}, continuing above {@code atLeast} (one more than the highest id found
     * among the recovered entries) when that is higher.
     *
     * @throws IOException when the stored value cannot be read or is not a number
     */
    public static IdSequence load(StateStore store, String key, int atLeast) throws IOException {
        Objects.requireNonNull(store, "store");
        StateStore.checkKey(key);
        int stored = 0;
        byte[] value = store.get(key).orElse(null);
        if (value != null) {
            String text = new String(value, StandardCharsets.UTF_8).trim();
            try {
                stored = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IOException("The state store's " + key + " is not an id: " + text, e);
            }
        }
        return new IdSequence(store, key, Math.max(stored, atLeast));
    }

    /** The next id, durable in the store before it is returned. */
    public synchronized int next() throws IOException {
        int id = next;
        store.put(key, Integer.toString(id + 1).getBytes(StandardCharsets.UTF_8));
        next = id + 1;
        return id;
    }

    /** The id {@link #next} would return, without taking it. */
    public synchronized int peek() {
        return next;
    }
}
