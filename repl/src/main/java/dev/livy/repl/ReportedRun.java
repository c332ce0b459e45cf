package dev.livy.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scala.reflect.internal.util.Position;

/**
 * What the Scala compiler reported for the current run: its compile errors and the stack trace of an exception the
 * code threw, kept by each Scala line's {@link ScalaReporter} so they can become an error output. Confined to the
 * thread that runs the interpreter.
 */
final class ReportedRun {
    private final List<CompileError> errors = new ArrayList<>();
    private String failureTrace;

    /** One compiler error, positioned in the statement's code (lines count from 1). */
    record CompileError(int line, int column, String lineContent, String message) {
    }

    /** Forgets what the previous run reported. */
    void clear() {
        errors.clear();
        failureTrace = null;
    }

    void addError(Position position, String message) {
        errors.add(position.isDefined()
                ? new CompileError(position.line(), position.column(), position.lineContent(), message)
                : new CompileError(0, 0, "", message));
    }

    void threw(String trace) {
        failureTrace = trace;
    }

    List<CompileError> errors() {
        return List.copyOf(errors);
    }

    /** The stack trace the REPL printed for an exception thrown by the code, if it threw one. */
    Optional<String> failureTrace() {
        return Optional.ofNullable(failureTrace);
    }
}
