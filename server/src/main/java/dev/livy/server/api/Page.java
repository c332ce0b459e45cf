package dev.livy.server.api;

import java.util.List;
import java.util.function.Predicate;

/**
 * Livy's paging of {@code GET /sessions} and {@code GET /batches}: {@code from} (default 0) and {@code size}
 * (default 100), non-negative integers or a 400 naming the parameter. Immutable.
 */
record Page(int from, int size) {
    static final int DEFAULT_SIZE = 100;

    static Page of(String from, String size) {
        return new Page(QueryParams.nonNegative("from", from, 0), QueryParams.nonNegative("size", size, DEFAULT_SIZE));
    }

    /** This page of the items the user may see, with how many they may see in all. */
    <T> Slice<T> of(List<T> all, Predicate<T> visible) {
        List<T> shown = all.stream().filter(visible).toList();
        return new Slice<>(shown.size(), shown.stream().skip(from).limit(size).toList());
    }

    record Slice<T>(int total, List<T> items) {
    }
}
