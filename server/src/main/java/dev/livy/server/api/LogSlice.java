package dev.livy.server.api;

import dev.livy.common.api.LogView;
import dev.livy.server.error.LivyException;
import java.util.List;

/**
 * Livy's log paging: without {@code from}, the last {@code size} lines (default 100); {@code size=-1} means every
 * kept line from {@code from}.
 */
final class LogSlice {
    static final int DEFAULT_SIZE = 100;

    private LogSlice() {
    }

    static LogView of(int id, List<String> lines, String fromParam, String sizeParam) {
        int size = QueryParams.integer("size", sizeParam, DEFAULT_SIZE);
        if (size < -1) {
            throw LivyException.invalid("Query parameter 'size' must be -1 (all) or a non-negative integer.");
        }
        int total = lines.size();
        int from;
        if (fromParam == null || fromParam.isEmpty()) {
            from = size == -1 ? 0 : Math.max(0, total - size);
        } else {
            from = Math.min(QueryParams.nonNegative("from", fromParam, 0), total);
        }
        int until = size == -1 ? total : (int) Math.min((long) from + size, total);
        List<String> slice = lines.subList(from, until);
        return new LogView(id, from, slice.size(), total, slice);
    }
}
