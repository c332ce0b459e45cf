package dev.livy.repl;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.protocol.StatementOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.sql.SparkSession;

/**
 * Scala statements (kind {@code spark}) on a {@link ScalaRepl}: what the code printed and the echo as the Scala REPL
 * prints it ({@code val x: Int = 2}), in order and with their newlines, compile errors with ename {@code Error} and
 * the compiler's message, exceptions under their class name, and the {@code %json} and {@code %table} magics.
 * Thread-safe: statements run one at a time; a completion waits briefly for a running statement and then gives up.
 */
final class ScalaInterpreter implements Interpreter {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /**
     * Declares spark and sc and imports what Spark's shell imports, in one request: each request costs a
     * compilation (seconds in a fresh driver), and this one runs while the SparkSession is still being built. The
     * vals are lazy, so nothing reads the session before it exists; it is the driver's, Spark's default session.
     */
    private static final String DECLARE_SPARK = String.join("\n",
            "@transient lazy val spark = org.apache.spark.sql.SparkSession.active.asInstanceOf[%s]",
            "@transient lazy val sc = spark.sparkContext",
            "import org.apache.spark.SparkContext._",
            "import spark.implicits._",
            "import spark.sql",
            "import org.apache.spark.sql.functions._");
    /** The class of the driver's sessions: Spark 4's classic one, or Spark 3's only one. */
    private static final String CLASSIC_SESSION = "org.apache.spark.sql.classic.SparkSession";

    private final ScalaRepl repl;
    private final ReentrantLock lock = new ReentrantLock();
    private final Object interruptLock = new Object();
    private Thread statementThread;
    private boolean interruptDelivered;
    private boolean sparkDeclared;

    private ScalaInterpreter(ScalaRepl repl) {
        this.repl = Objects.requireNonNull(repl, "repl");
    }

    /** Starts the compiler, which takes seconds; needs no SparkSession, so it can run while that is built. */
    static ScalaInterpreter start(ReplClasses classes, OutputSizeLimit outputLimit) {
        return new ScalaInterpreter(ScalaRepl.start(classes, outputLimit.maxBytes()));
    }

    /**
     * Declares {@code spark} (the driver's SparkSession once it exists) and {@code sc} as {@code @transient} lazy
     * vals, so closures that capture a line never ship them, and imports {@code spark.implicits._}, {@code
     * spark.sql}, {@code SparkContext._} and {@code functions._}. Needs no SparkSession: call it while that is built.
     */
    void declareSpark() {
        lock.lock();
        try {
            if (!sparkDeclared) {
                repl.runQuietly(DECLARE_SPARK.formatted(sessionClassName()));
                sparkDeclared = true;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Declares {@code spark} if that is not done yet and checks that it is the driver's SparkSession, which must be
     * Spark's default session.
     */
    void bindSpark(SparkSession spark) {
        lock.lock();
        try {
            declareSpark();
            if (repl.valueOf("spark") != spark) {
                throw new IllegalStateException("The Scala interpreter's spark is not the driver's SparkSession");
            }
        } finally {
            lock.unlock();
        }
    }

    private static String sessionClassName() {
        try {
            Class.forName(CLASSIC_SESSION, false, ScalaInterpreter.class.getClassLoader());
            return CLASSIC_SESSION;
        } catch (ClassNotFoundException e) {
            return SparkSession.class.getName();
        }
    }

    @Override
    public StatementOutput execute(int statementId, String code) {
        lock.lock();
        enterStatement();
        try {
            return run(statementId, code);
        } finally {
            leaveStatement();
            lock.unlock();
        }
    }

    private StatementOutput run(int statementId, String code) {
        StringBuilder text = new StringBuilder();
        ObjectNode data = JSON.objectNode();
        for (CodeChunks.Chunk chunk : CodeChunks.split(code)) {
            if (chunk instanceof CodeChunks.Magic magic) {
                try {
                    data = Magics.run(magic, repl::valueOf);
                } catch (Magics.MagicFailure failure) {
                    return Outputs.error(statementId, failure.ename(), failure.evalue());
                }
                continue;
            }
            ScalaRepl.Outcome outcome = repl.run(((CodeChunks.Code) chunk).source());
            if (outcome instanceof ScalaRepl.CompileFailed failed) {
                return compileError(statementId, failed.errors());
            }
            if (outcome instanceof ScalaRepl.Threw threw) {
                return exception(statementId, threw);
            }
            text.append(((ScalaRepl.Printed) outcome).text());
            data = JSON.objectNode();
        }
        // Untrimmed, as Livy gives it: println("foo") is "foo\n", and clients compare it exactly.
        String plain = text.toString();
        if (!plain.isEmpty() || data.isEmpty()) {
            data.put(Outputs.TEXT_PLAIN, plain);
        }
        return Outputs.ok(statementId, data);
    }

    /** ename Error, evalue the compiler's messages, traceback each message with its line and a caret. */
    static StatementOutput compileError(int statementId, List<ReportedRun.CompileError> errors) {
        List<String> messages = new ArrayList<>();
        List<String> traceback = new ArrayList<>();
        for (ReportedRun.CompileError error : errors) {
            messages.add(error.message());
            traceback.add("<console>:" + error.line() + ": error: " + error.message() + "\n");
            if (!error.lineContent().isEmpty()) {
                traceback.add(error.lineContent() + "\n");
                traceback.add(" ".repeat(Math.max(0, error.column() - 1)) + "^\n");
            }
        }
        return Outputs.error(statementId, "Error", String.join("\n", messages), traceback);
    }

    /** ename the exception's class, evalue its message, traceback the REPL's trace line by line. */
    static StatementOutput exception(int statementId, ScalaRepl.Threw threw) {
        String firstLine = threw.trace().lines().findFirst().orElse("");
        String ename;
        String evalue;
        if (threw.exception() != null) {
            ename = Outputs.ename(threw.exception());
            evalue = Objects.requireNonNullElse(threw.exception().getMessage(), "");
        } else {
            int colon = firstLine.indexOf(": ");
            String className = colon < 0 ? firstLine : firstLine.substring(0, colon);
            ename = className.substring(className.lastIndexOf('.') + 1);
            evalue = colon < 0 ? "" : firstLine.substring(colon + 2);
        }
        List<String> traceback = threw.trace().lines().map(line -> line + "\n").toList();
        return Outputs.error(statementId, ename, evalue, traceback);
    }

    @Override
    public List<String> complete(String code, int cursor) {
        return CompletionLock.completeOrEmpty(lock, () -> repl.complete(code, cursor));
    }

    /**
     * Interrupts the statement's thread, which ends waits and sleeps in the code (the statement's Spark jobs are
     * cancelled by the runner); the interrupt never outlives the statement.
     */
    @Override
    public void interrupt() {
        synchronized (interruptLock) {
            if (statementThread != null) {
                interruptDelivered = true;
                statementThread.interrupt();
            }
        }
    }

    private void enterStatement() {
        synchronized (interruptLock) {
            statementThread = Thread.currentThread();
            interruptDelivered = false;
        }
    }

    private void leaveStatement() {
        synchronized (interruptLock) {
            statementThread = null;
            if (interruptDelivered) {
                Thread.interrupted();
            }
        }
    }

    @Override
    public void close() {
        repl.close();
    }
}
