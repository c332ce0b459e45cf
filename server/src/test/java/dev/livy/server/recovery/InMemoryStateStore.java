package dev.livy.server.recovery;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A hand-written {@link StateStore} in memory, for unit tests of what is stored and recovered. Thread-safe. */
public final class InMemoryStateStore implements StateStore {
    private final ConcurrentSkipListMap<String, byte[]> values = new ConcurrentSkipListMap<>();
    private final Map<String, List<byte[]>> logs = new ConcurrentSkipListMap<>();
    private volatile boolean failWrites;

    @Override
    public boolean enabled() {
        return true;
    }

    /** Makes every later {@link #put} and {@link #append} fail, as a full disk or a lost ZooKeeper would. */
    public void failWrites(boolean fail) {
        failWrites = fail;
    }

    @Override
    public void put(String key, byte[] value) throws IOException {
        StateStore.checkKey(key);
        checkWritable();
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
        logs.remove(key);
        String prefix = key + "/";
        values.keySet().removeIf(k -> k.startsWith(prefix));
        logs.keySet().removeIf(k -> k.startsWith(prefix));
    }

    @Override
    public synchronized void append(String key, byte[] record) throws IOException {
        StateStore.checkKey(key);
        checkWritable();
        logs.computeIfAbsent(key, k -> new ArrayList<>()).add(record.clone());
    }

    @Override
    public synchronized List<byte[]> records(String key) {
        StateStore.checkKey(key);
        return logs.getOrDefault(key, List.of()).stream().map(byte[]::clone).toList();
    }

    @Override
    public synchronized void replaceRecords(String key, List<byte[]> records) throws IOException {
        StateStore.checkKey(key);
        checkWritable();
        logs.put(key, new ArrayList<>(records.stream().map(byte[]::clone).toList()));
    }

    /** Every key holding a value, sorted. */
    public List<String> keys() {
        return List.copyOf(values.keySet());
    }

    /** Every key holding a log, sorted. */
    public List<String> logKeys() {
        return List.copyOf(logs.keySet());
    }

    @Override
    public void close() {
    }

    private void checkWritable() throws IOException {
        if (failWrites) {
            throw new IOException("writes fail (test)");
        }
    }
}
