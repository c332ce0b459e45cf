package dev.livy.repl;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The interpreters of one driver, by code kind, each started on first use (the session's own kind is started
 * ahead by the driver). An interpreter that cannot start gives an error output and the other kinds keep working.
 * Thread-safe.
 */
final class Interpreters implements AutoCloseable {
    private final Map<CodeKind, Supplier<Interpreter>> factories;
    private final Map<CodeKind, Interpreter> started = new EnumMap<>(CodeKind.class);

    Interpreters(Map<CodeKind, Supplier<Interpreter>> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Registers an interpreter the driver has already started. */
    synchronized void put(CodeKind kind, Interpreter interpreter) {
        started.put(kind, interpreter);
    }

    ObjectNode execute(CodeKind kind, int statementId, String code) {
        Interpreter interpreter;
        try {
            interpreter = get(kind);
        } catch (RuntimeException e) {
            return Outputs.error(statementId, "InterpreterError",
                    "The " + kind + " interpreter cannot start: " + e.getMessage());
        }
        if (interpreter == null) {
            return Outputs.error(statementId, "InterpreterError", "This server has no " + kind
                    + " interpreter yet; available: " + String.join(", ", availableKinds()) + ".");
        }
        return interpreter.execute(statementId, code);
    }

    void interrupt(CodeKind kind) {
        Interpreter interpreter;
        synchronized (this) {
            interpreter = started.get(kind);
        }
        if (interpreter != null) {
            interpreter.interrupt();
        }
    }

    private synchronized Interpreter get(CodeKind kind) {
        Interpreter interpreter = started.get(kind);
        if (interpreter == null && factories.containsKey(kind)) {
            interpreter = factories.get(kind).get();
            started.put(kind, interpreter);
        }
        return interpreter;
    }

    private List<String> availableKinds() {
        return factories.keySet().stream().map(CodeKind::wireName).sorted().toList();
    }

    @Override
    public synchronized void close() {
        started.values().forEach(Interpreter::close);
        started.clear();
    }
}
