package dev.livy.server.session;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livy.common.protocol.JsonSize;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The size of a statement output as JSON, what the byte budgets of the statement history count. Thread-safe. */
final class OutputSize {
    private OutputSize() {
    }

    static long of(JsonNode output) {
        if (output == null) {
            return 0;
        }
        try {
            return JsonSize.of(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
