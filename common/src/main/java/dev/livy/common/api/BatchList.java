package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** {@code GET /batches}: Livy names the list {@code sessions} here too; {@code total} counts every batch. */
@JsonPropertyOrder({"from", "total", "sessions"})
public record BatchList(int from, int total, List<BatchView> sessions) {
    public BatchList {
        sessions = List.copyOf(sessions);
    }
}
