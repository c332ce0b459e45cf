package dev.livy.repl;

import dev.livy.common.protocol.StatementOutput;
import java.util.List;

/**
 * A language runtime inside the driver. {@link #execute} is called from the statement thread only; {@link
 * #interrupt} and {@link #complete} come from other threads.
 */
interface Interpreter extends AutoCloseable {

    /** Runs code and returns its output. Never throws for user errors. */
    StatementOutput execute(int statementId, String code);

    /**
     * The names that complete the word at {@code cursor} (0 ≤ cursor ≤ code length). Never changes what later
     * statements see, and never waits long for a running statement: a busy interpreter may answer no candidates.
     */
    List<String> complete(String code, int cursor);

    /** Asks the running statement to stop; called from another thread. */
    void interrupt();

    @Override
    void close();
}
