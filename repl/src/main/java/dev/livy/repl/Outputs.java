package dev.livy.repl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.StatementOutput;
import java.util.List;

/** Builds statement outputs. */
final class Outputs {
    static final String TEXT_PLAIN = "text/plain";
    static final String APPLICATION_JSON = "application/json";
    static final String TABLE = "application/vnd.livy.table.v1+json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Outputs() {
    }

    static StatementOutput ok(int statementId, String textPlain) {
        ObjectNode data = JSON.objectNode();
        data.put(TEXT_PLAIN, textPlain);
        return ok(statementId, data);
    }

    /** An ok output carrying these MIME entries. */
    static StatementOutput ok(int statementId, ObjectNode data) {
        return new StatementOutput.Ok(statementId, data);
    }

    static StatementOutput error(int statementId, String ename, String evalue) {
        return error(statementId, ename, evalue, List.of(ename + ": " + evalue));
    }

    /**
     * The ename of an exception: its class's simple name; Spark's ExtendedAnalysisException only attaches the
     * failing plan to the public AnalysisException, which is the name clients know.
     */
    static String ename(Throwable exception) {
        Class<?> type = exception.getClass();
        if (type.getSimpleName().equals("ExtendedAnalysisException") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.getSimpleName();
    }

    static StatementOutput error(int statementId, String ename, String evalue, List<String> traceback) {
        return new StatementOutput.Error(statementId, ename, evalue, traceback);
    }
}
