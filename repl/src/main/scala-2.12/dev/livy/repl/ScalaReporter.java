package dev.livy.repl;

import scala.reflect.internal.util.Position;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.ReplReporter;

/**
 * The Scala 2.12 interpreter's reporter: prints as the Scala REPL does, and also keeps what the current run
 * reported in a {@link ReportedRun}. Confined to the thread that runs the interpreter.
 */
final class ScalaReporter extends ReplReporter {
    private final ReportedRun run = new ReportedRun();

    ScalaReporter(IMain main) {
        super(main);
    }

    ReportedRun run() {
        return run;
    }

    /** Compile errors: the message without the REPL's {@code <console>:12: error:} prefix. */
    @Override
    public void error(Position position, String message) {
        run.addError(position, message);
        super.error(position, message);
    }

    /** In Scala 2.12 the REPL prints an exception the code threw, and only that, untruncated. */
    @Override
    public void printUntruncatedMessage(String message) {
        run.threw(message);
        super.printUntruncatedMessage(message);
    }
}
