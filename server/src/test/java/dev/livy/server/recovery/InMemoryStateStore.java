package dev.livy.server.recovery;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A hand-written {@link StateStore} in memory, for unit tests of what is stored and recovered. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentSkipListMap<String, byte[]> values = new ConcurrentSkipListMap<>();
    private volatile boolean failWrites;

    @Override
    public boolean enabled() {
        return true;
    }

    /** Makes every later {@link #put} fail, as a full disk or a lost ZooKeeper would. */
    public void failWrites(boolean fail) {
        failWrites = fail;
    }

    @Override
    public void put(String key, byte[] value) throws java.io.IOException {
        StateStore.checkKey(key);
        if (failWrites) {
            throw new java.io.IOException("writes fail (test)");
        }
        values.put(key, value.clone());
    }

    @Override
    public Optional<byte[]> get(String key) {
        StateStore.checkKey(key);
        return Optional.ofNullable(values.get(key)).map(byte[]::clone);
    }

    @Override
    public List<String> children(String key) {
        StateStore.checkKey(key);
        String prefix = key + "/";
        return values.tailMap(prefix).keySet().stream().takeWhile(k -> k.startsWith(prefix))
                .map(k -> k.substring(prefix.length()).split("/", 2)[0]).distinct().sorted().toList();
    }

    @Override
    public void delete(String key) {
        StateStore.checkKey(key);
        values.remove(key);
        String prefix = key + "/";
        values.keySet().removeIf(k -> k.startsWith(prefix));
    }

    /** Every key holding a value, sorted. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    @Override
    public void close() {
    }
}
