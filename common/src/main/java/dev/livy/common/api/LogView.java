package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A slice of a session's or batch's log; {@code size} is the number of lines returned, {@code total} kept. */
@JsonPropertyOrder({"id", "from", "size", "total", "log"})
public record LogView(int id, int from, int size, int total, List<String> log) {
    public LogView {
        log = List.copyOf(log);
    }
}
