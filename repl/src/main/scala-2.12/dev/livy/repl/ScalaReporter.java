package dev.livy.repl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scala.reflect.internal.util.Position;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.ReplReporter;

/**
 * The Scala 2.12 interpreter's reporter: prints as the Scala REPL does, and also remembers the compile errors and
 * the runtime failure of the current run so they can become an error output. Confined to the thread that runs the
 * interpreter.
 */
final class ScalaReporter extends ReplReporter {
    private final List<CompileError> errors = new ArrayList<>();
    private String failureTrace;

    ScalaReporter(IMain main) {
        super(main);
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

    /** Compile errors: the message without the REPL's {@code <console>:12: error:} prefix. */
    @Override
    public void error(Position position, String message) {
        errors.add(position.isDefined()
                ? new CompileError(position.line(), position.column(), position.lineContent(), message)
                : new CompileError(0, 0, "", message));
        super.error(position, message);
    }

    /** In Scala 2.12 the REPL prints an exception the code threw, and only that, untruncated. */
    @Override
    public void printUntruncatedMessage(String message) {
        failureTrace = message;
        super.printUntruncatedMessage(message);
    }
}
