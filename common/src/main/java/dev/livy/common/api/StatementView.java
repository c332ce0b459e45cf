package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.livy.common.StatementState;
import dev.livy.common.protocol.RawJson;

/**
 * A statement as clients see it. {@code output} (the driver's JSON text, written as it is) is null until the
 * statement is available; {@code started} and
 * {@code completed} are epoch milliseconds, 0 while unset.
 */
@JsonPropertyOrder({"id", "code", "state", "output", "progress", "started", "completed"})
public record StatementView(
        int id,
        String code,
        StatementState state,
        RawJson output,
        double progress,
        long started,
        long completed) {
}
