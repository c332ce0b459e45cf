package dev.livy.repl;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scala.reflect.internal.Reporter;
import scala.reflect.internal.util.CodeAction;
import scala.reflect.internal.util.Position;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;
import scala.util.Either;
import scala.util.Left;

/**
 * The Scala interpreter's reporter: prints as the Scala REPL does, and also remembers the compile errors and the
 * runtime failure of the current run so they can become an error output. Confined to the thread that runs the
 * interpreter.
 */
final class ScalaReporter extends ReplReporterImpl {
    private final List<CompileError> errors = new ArrayList<>();
    private String failureTrace;

    ScalaReporter(Settings settings, PrintWriter out) {
        super(settings, out);
    }

    /** One compiler error, positioned in the statement's code (lines count from 1). */
    record CompileError(int line, int column, String lineContent, String message) {
    }

    /** Forgets what the previous run reported. */
    void clearRun() {
        errors.clear();
        failureTrace = null;
    }

    List<CompileError> errors() {
        return List.copyOf(errors);
    }

    /** The stack trace the REPL printed for an exception thrown by the code, if it threw one. */
    Optional<String> failureTrace() {
        return Optional.ofNullable(failureTrace);
    }

    @Override
    public void doReport(Position position, String message, Reporter.Severity severity,
            scala.collection.immutable.List<CodeAction> actions) {
        if (severity == ERROR()) {
            errors.add(position.isDefined()
                    ? new CompileError(position.line(), position.column(), position.lineContent(), message)
                    : new CompileError(0, 0, "", message));
        }
        super.doReport(position, message, severity, actions);
    }

    @Override
    public void printResult(Either<String, String> result) {
        if (result instanceof Left<String, String> failure) {
            failureTrace = failure.value();
        }
        super.printResult(result);
    }
}
