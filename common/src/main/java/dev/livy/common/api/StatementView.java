package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.livy.common.StatementState;

/**
 * A statement as clients see it. {@code output} is null until the statement is available; {@code started} and
 * {@code completed} are epoch milliseconds, 0 while unset.
 */
@JsonPropertyOrder({"id", "code", "state", "output", "progress", "started", "completed"})
public record StatementView(
        int id,
        String code,
        StatementState state,
        JsonNode output,
        double progress,
        long started,
        long completed) {

    public StatementView {
        if (output != null && output.isNull()) {
            output = null;
        }
    }
}
