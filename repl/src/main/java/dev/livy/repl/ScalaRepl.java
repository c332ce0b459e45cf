package dev.livy.repl;

import java.io.File;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import scala.Console;
import scala.Option;
import scala.tools.nsc.Settings;
import scala.tools.nsc.interpreter.IMain;
import scala.tools.nsc.interpreter.Results;

/**
 * One Scala compiler session ({@code IMain}), class-based, writing its classes to the driver's {@link
 * ReplClasses}: runs code as the Scala REPL does and says what happened. Not thread-safe: {@link ScalaInterpreter}
 * serialises all use.
 */
final class ScalaRepl implements AutoCloseable {
    private final IMain main;
    private final ScalaReporter reporter;
    private final CappedOutput printed;
    private final PrintStream console;

    private ScalaRepl(IMain main, ScalaReporter reporter, CappedOutput printed) {
        this.main = Objects.requireNonNull(main, "main");
        this.reporter = Objects.requireNonNull(reporter, "reporter");
        this.printed = Objects.requireNonNull(printed, "printed");
        this.console = new PrintStream(printed, true, StandardCharsets.UTF_8);
    }

    /** A compiler and the reporter it reports to, as each Scala line's {@link ScalaCompat} makes them. */
    record Compiler(IMain main, ScalaReporter reporter) {
    }

    /** What running one piece of code did. */
    sealed interface Outcome permits Printed, CompileFailed, Threw {
    }

    /** The code ran; this is what the REPL echoed and the code printed. */
    record Printed(String text) implements Outcome {
    }

    record CompileFailed(List<ReportedRun.CompileError> errors) implements Outcome {
    }

    /** The code threw; the trace is the REPL's, without the frames of its own wrappers. */
    record Threw(Throwable exception, String trace) implements Outcome {
    }

    /**
     * Creates the compiler and compiles a first line, which takes seconds: start it early.
     *
     * @param outputLimit the statement output limit: what a statement prints beyond it is not kept
     */
    static ScalaRepl start(ReplClasses classes, long outputLimit) {
        List<String> errors = new ArrayList<>();
        Settings settings = new Settings(message -> {
            errors.add(message);
            return scala.runtime.BoxedUnit.UNIT;
        });
        // Deprecation warnings are silenced: the code that clients generate and parse the output of (pylivy's
        // download: df.toJSON.collect.foreach(println)) calls methods without their () since Scala 2.13.3
        // deprecates, and the REPL's summary line would land among the printed rows.
        List<String> arguments = List.of("-Yrepl-class-based", "-Yrepl-outdir", classes.directory().toString(),
                "-Wconf:cat=deprecation:s", "-classpath", userClassPath(classes.classLoader().getParent()));
        settings.processArguments(ScalaCompat.toScalaList(arguments), true);
        settings.usejavacp().v_$eq(true);
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Bad Scala compiler settings: " + String.join("; ", errors));
        }
        CappedOutput printed = new CappedOutput(outputLimit);
        Compiler compiler = ScalaCompat.newCompiler(settings, classes.classLoader(),
                new PrintWriter(new OutputStreamWriter(printed, StandardCharsets.UTF_8), true));
        ScalaRepl repl = new ScalaRepl(compiler.main(), compiler.reporter(), printed);
        if (!ScalaCompat.initialize(compiler.main())) {
            throw new IllegalStateException("The Scala compiler did not start: " + repl.takePrinted().strip());
        }
        return repl;
    }

    Outcome run(String code) {
        ReportedRun reported = reporter.run();
        reported.clear();
        Results.Result result = Console.withOut(console, () -> ScalaCompat.interpret(main, code));
        String text = takePrinted();
        if (result == Results.Incomplete$.MODULE$) {
            // A statement is complete: where the REPL would wait for more lines, its end came too early.
            return new CompileFailed(List.of(new ReportedRun.CompileError(0, 0, "",
                    "incomplete input: the code ends in the middle of an expression or definition")));
        }
        if (result == Results.Success$.MODULE$) {
            return new Printed(text);
        }
        if (!reported.errors().isEmpty()) {
            return new CompileFailed(reported.errors());
        }
        if (reported.failureTrace().isPresent()) {
            return new Threw(lastException(), reported.failureTrace().get());
        }
        // Blank code or only comments: the REPL calls that an error without a message; there was nothing to run.
        return new Printed(text);
    }

    /** Runs set-up code and fails if it does not run cleanly. Prints nothing. */
    void runQuietly(String code) {
        Outcome outcome = run(code);
        if (!(outcome instanceof Printed)) {
            throw new IllegalStateException("Scala set-up code failed (" + code + "): " + outcome);
        }
    }

    /** The value of a term defined by earlier code; throws NoSuchElementException when there is none. */
    Object valueOf(String name) {
        Option<Object> value = main.valueOfTerm(name);
        if (value.isEmpty()) {
            throw new NoSuchElementException(name);
        }
        return value.get();
    }

    /** The compiler's completions of the word at cursor, each name once. */
    List<String> complete(String code, int cursor) {
        Set<String> names = new LinkedHashSet<>();
        for (String candidate : ScalaCompat.completions(main, code, cursor)) {
            if (!candidate.isEmpty()) {
                names.add(candidate);
            }
        }
        return List.copyOf(names);
    }

    @Override
    public void close() {
        main.close();
    }

    private Throwable lastException() {
        try {
            return valueOf("lastException") instanceof Throwable thrown ? thrown : null;
        } catch (NoSuchElementException e) {
            return null;
        }
    }

    private String takePrinted() {
        reporter.flush();
        console.flush();
        return printed.take();
    }

    /**
     * The jars of the loaders above the driver's (spark-submit's --jars and the like), which the compiler must see
     * as well as java.class.path; the driver's own jar stays out of the user's namespace.
     */
    private static String userClassPath(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>();
        Path ownJar = ownCodeLocation();
        for (ClassLoader current = loader; current != null; current = current.getParent()) {
            if (current instanceof URLClassLoader urlLoader) {
                for (URL url : urlLoader.getURLs()) {
                    Path entry = localPath(url);
                    if (entry != null && Files.exists(entry) && !entry.equals(ownJar)) {
                        entries.add(entry.toString());
                    }
                }
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    private static Path ownCodeLocation() {
        CodeSource source = ScalaRepl.class.getProtectionDomain().getCodeSource();
        return source == null ? null : localPath(source.getLocation());
    }

    private static Path localPath(URL url) {
        if (url == null || !"file".equals(url.getProtocol())) {
            return null;
        }
        try {
            return Path.of(url.toURI()).toAbsolutePath().normalize();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
