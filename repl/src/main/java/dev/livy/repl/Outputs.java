package dev.livy.repl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Builds statement output objects in the wire shape. */
final class Outputs {
    static final String TEXT_PLAIN = "text/plain";
    static final String APPLICATION_JSON = "application/json";
    static final String TABLE = "application/vnd.livy.table.v1+json";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Outputs() {
    }

    static ObjectNode ok(int statementId, String textPlain) {
        ObjectNode data = JSON.objectNode();
        data.put(TEXT_PLAIN, textPlain);
        return ok(statementId, data);
    }

    /** An ok output carrying these MIME entries. */
    static ObjectNode ok(int statementId, ObjectNode data) {
        ObjectNode output = JSON.objectNode();
        output.put("status", "ok");
        output.put("execution_count", statementId);
        output.set("data", data);
        return output;
    }

    static ObjectNode error(int statementId, String ename, String evalue) {
        return error(statementId, ename, evalue, List.of(ename + ": " + evalue));
    }

    static ObjectNode error(int statementId, String ename, String evalue, List<String> traceback) {
        ObjectNode output = JSON.objectNode();
        output.put("status", "error");
        output.put("execution_count", statementId);
        output.put("ename", ename);
        output.put("evalue", evalue);
        ArrayNode lines = output.putArray("traceback");
        traceback.forEach(lines::add);
        return output;
    }
}
