package dev.livy.repl;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds statement output objects in the wire shape. */
final class Outputs {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Outputs() {
    }

    static ObjectNode ok(int statementId, String textPlain) {
        ObjectNode output = JSON.objectNode();
        output.put("status", "ok");
        output.put("execution_count", statementId);
        output.putObject("data").put("text/plain", textPlain);
        return output;
    }

    static ObjectNode error(int statementId, String ename, String evalue) {
        ObjectNode output = JSON.objectNode();
        output.put("status", "error");
        output.put("execution_count", statementId);
        output.put("ename", ename);
        output.put("evalue", evalue);
        ArrayNode traceback = output.putArray("traceback");
        traceback.add(ename + ": " + evalue);
        return output;
    }
}
