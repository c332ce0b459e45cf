package dev.livy.repl;

import dev.livy.common.CodeKind;
import dev.livy.common.protocol.StatementOutput;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interpreters of one driver, by code kind, each started on first use (the session's own kind is started
 * ahead by the driver). An interpreter that cannot start gives an error output and the other kinds keep working.
 * Completion never starts an interpreter: a kind that has not run a statement yet has no candidates.
 * Thread-safe; interrupting and completing never wait for an interpreter that is starting.
 */
final class Interpreters implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Interpreters.class);

    private final Map<CodeKind, Supplier<Interpreter>> factories;
    private final Map<CodeKind, Interpreter> started = new ConcurrentHashMap<>();
    private final Object startLock = new Object();

    Interpreters(Map<CodeKind, Supplier<Interpreter>> factories) {
        this.factories = Map.copyOf(factories);
    }

    /** Registers an interpreter the driver has already started. */
    void put(CodeKind kind, Interpreter interpreter) {
        started.put(kind, interpreter);
    }

    StatementOutput execute(CodeKind kind, int statementId, String code) {
        Interpreter interpreter;
        try {
            interpreter = get(kind);
        } catch (RuntimeException e) {
            LOG.warn("The {} interpreter cannot start", kind, e);
            return Outputs.error(statementId, "InterpreterError",
                    "The " + kind + " interpreter cannot start: " + e.getMessage());
        }
        if (interpreter == null) {
            return Outputs.error(statementId, "InterpreterError", "This server has no " + kind
                    + " interpreter yet; available: " + String.join(", ", availableKinds()) + ".");
        }
        return interpreter.execute(statementId, code);
    }

    List<String> complete(CodeKind kind, String code, int cursor) {
        Interpreter interpreter = kind == null ? null : started.get(kind);
        if (interpreter == null || code == null) {
            return List.of();
        }
        try {
            return interpreter.complete(code, Math.max(0, Math.min(cursor, code.length())));
        } catch (RuntimeException e) {
            LOG.warn("Completion failed in the {} interpreter", kind, e);
            return List.of();
        }
    }

    void interrupt(CodeKind kind) {
        Interpreter interpreter = started.get(kind);
        if (interpreter != null) {
            interpreter.interrupt();
        }
    }

    private Interpreter get(CodeKind kind) {
        synchronized (startLock) {
            Interpreter interpreter = started.get(kind);
            if (interpreter == null && factories.containsKey(kind)) {
                interpreter = factories.get(kind).get();
                started.put(kind, interpreter);
            }
            return interpreter;
        }
    }

    private List<String> availableKinds() {
        return factories.keySet().stream().map(CodeKind::wireName).sorted().toList();
    }

    @Override
    public void close() {
        synchronized (startLock) {
            started.values().forEach(Interpreter::close);
            started.clear();
        }
    }
}
