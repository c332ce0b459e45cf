package dev.livy.repl;

import dev.livy.common.protocol.DriverSettings;
import dev.livy.common.protocol.JsonSize;
import dev.livy.common.protocol.StatementOutput;
import java.io.IOException;

/**
 * Replaces an output larger than {@code livy.rsc.statement.max-output-size} (as JSON) by an error output saying
 * so: the server keeps every output in memory, and one huge frame would otherwise cost the session its channel.
 * Immutable.
 */
final class OutputSizeLimit {
    private final long maxBytes;

    OutputSizeLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** From the server's settings in the launch config. */
    static OutputSizeLimit from(DriverSettings settings) {
        return new OutputSizeLimit(settings.maxOutputBytes());
    }

    StatementOutput apply(int statementId, StatementOutput output) {
        // Counted, not copied: the channel writes the output again, and a huge one need not be held twice.
        long size;
        try {
            size = JsonSize.of(output);
        } catch (IOException e) {
            return Outputs.error(statementId, "InternalError", "The output cannot be written as JSON: " + e);
        }
        if (size <= maxBytes) {
            return output;
        }
        return tooLarge(statementId, "is " + size + " bytes, more than");
    }

    /** The error output for an output that was dropped unmeasured, once it was known to be over the limit. */
    StatementOutput overLimit(int statementId) {
        return tooLarge(statementId, "is more than");
    }

    long maxBytes() {
        return maxBytes;
    }

    private StatementOutput tooLarge(int statementId, String howLarge) {
        return Outputs.error(statementId, "OutputTooLarge", "The output of this statement " + howLarge + " the "
                + maxBytes + " bytes allowed (" + DriverSettings.MAX_OUTPUT_SIZE + "). Return less, for example "
                + "df.limit(100), or write large results to storage.");
    }
}
