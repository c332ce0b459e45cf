package dev.livy.repl;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A language runtime inside the driver. Called from the statement thread, except {@link #interrupt}. */
interface Interpreter extends AutoCloseable {

    /** Runs code and returns its output object ({@code status} ok or error). Never throws for user errors. */
    ObjectNode execute(int statementId, String code);

    /** Asks the running statement to stop; called from another thread. */
    void interrupt();

    @Override
    void close();
}
