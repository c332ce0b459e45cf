package dev.livy.repl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * The magics of JVM interpreters: {@code %json name} and {@code %table name} show the value of a term defined by
 * earlier code; anything else is an unknown magic. Names and messages follow the Python interpreter. Stateless.
 */
final class Magics {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private Magics() {
    }

    /** Why a magic gave no output; becomes an error output. */
    static final class MagicFailure extends Exception {
        private static final long serialVersionUID = 1L;
        private final String ename;

        MagicFailure(String ename, String evalue) {
            super(evalue);
            this.ename = ename;
        }

        String ename() {
            return ename;
        }

        String evalue() {
            return getMessage();
        }
    }

    /**
     * The MIME data of a magic.
     *
     * @param values the value of a term by name; throws NoSuchElementException when there is no such term
     */
    static ObjectNode run(CodeChunks.Magic magic, Function<String, Object> values) throws MagicFailure {
        if (magic.name().isEmpty()) {
            throw new MagicFailure("UnknownMagic", "magic command not specified");
        }
        if (!magic.name().equals("json") && !magic.name().equals("table")) {
            throw new MagicFailure("UnknownMagic", "unknown magic command '" + magic.name() + "'");
        }
        if (magic.argument().isEmpty()) {
            throw new MagicFailure("ValueError", "%" + magic.name() + " needs a variable name");
        }
        Object value;
        try {
            value = values.apply(magic.argument());
        } catch (NoSuchElementException e) {
            throw new MagicFailure("NameError", "name '" + magic.argument() + "' is not defined");
        }
        ObjectNode data = JSON.objectNode();
        try {
            if (magic.name().equals("json")) {
                data.set(Outputs.APPLICATION_JSON, JvmJson.toJson(value));
            } else {
                data.set(Outputs.TABLE, TableMagic.table(value));
            }
        } catch (JvmJson.UnsupportedType e) {
            throw new MagicFailure("TypeError", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new MagicFailure("ValueError", e.getMessage());
        }
        return data;
    }
}
