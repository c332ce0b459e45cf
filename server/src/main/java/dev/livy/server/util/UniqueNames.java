package dev.livy.server.util;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names given to sessions (or batches), each held by one id from its create until its DELETE or until it is
 * forgotten, whichever comes first. The map is the only truth about what is taken, so two concurrent creates with
 * one name cannot both win. Thread-safe.
 */
public final class UniqueNames {
    private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();

    /** Takes the name for the id; false when another id holds it. */
    public boolean reserve(String name, int id) {
        return ids.putIfAbsent(name, id) == null;
    }

    /** Frees the name if this id still holds it. */
    public void release(String name, int id) {
        if (name != null) {
            ids.remove(name, id);
        }
    }

    public Optional<Integer> idOf(String name) {
        return Optional.ofNullable(ids.get(name));
    }
}
