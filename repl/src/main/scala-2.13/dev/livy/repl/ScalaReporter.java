package dev.livy.repl;

import java.io.PrintWriter;
import scala.reflect.internal.Reporter;
import scala.reflect.internal.util.CodeAction;
import scala.reflect.internal.util.Position;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.shell.ReplReporterImpl;
import scala.util.Either;
import scala.util.Left;

/**
 * The Scala 2.13 interpreter's reporter: prints as the Scala REPL does, and also keeps what the current run
 * reported in a {@link ReportedRun}. Confined to the thread that runs the interpreter.
 */
final class ScalaReporter extends ReplReporterImpl {
    private final ReportedRun run = new ReportedRun();

    ScalaReporter(Settings settings, PrintWriter out) {
        super(settings, out);
    }

    ReportedRun run() {
        return run;
    }

    @Override
    public void doReport(Position position, String message, Reporter.Severity severity,
            scala.collection.immutable.List<CodeAction> actions) {
        if (severity == ERROR()) {
            run.addError(position, message);
        }
        super.doReport(position, message, severity, actions);
    }

    @Override
    public void printResult(Either<String, String> result) {
        if (result instanceof Left<String, String> failure) {
            run.threw(failure.value());
        }
        super.printResult(result);
    }
}
