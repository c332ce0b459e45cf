package dev.livy.repl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Replaces an output larger than {@code livy.rsc.statement.max-output-size} (as JSON) by an error output saying
 * so: the server keeps every output in memory, and one huge frame would otherwise cost the session its channel.
 * Immutable.
 */
final class OutputSizeLimit {
    static final String SETTING = "livy.rsc.statement.max-output-size";
    private static final long DEFAULT_BYTES = 8L * 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final long maxBytes;

    OutputSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** From the server's settings in the launch config; the default when absent. */
    static OutputSizeLimit from(Map<String, String> settings) {
        String value = settings.get(SETTING);
        return new OutputSizeLimit(value == null ? DEFAULT_BYTES : Long.parseLong(value));
    }

    ObjectNode apply(int statementId, ObjectNode output) {
        long size;
        try {
            size = JSON.writeValueAsBytes(output).length;
        } catch (JsonProcessingException e) {
            return Outputs.error(statementId, "InternalError", "The output cannot be written as JSON: " + e);
        }
        if (size <= maxBytes) {
            return output;
        }
        return Outputs.error(statementId, "OutputTooLarge", "The output of this statement is " + size
                + " bytes, more than the " + maxBytes + " bytes allowed (" + SETTING + "). Return less, for "
                + "example df.limit(100), or write large results to storage.");
    }
}
