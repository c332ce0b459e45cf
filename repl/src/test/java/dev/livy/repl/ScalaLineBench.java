package dev.livy.repl;

import dev.livy.common.protocol.DriverSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What one line costs the driver's Scala interpreter alone, in a JVM of its own with no SparkSession: {@code runs}
 * executions of the line, the first third not counted (the compiler and the JIT warming up); first, how long the
 * compiler took to start and to declare {@code spark} in that fresh JVM. Run by
 * {@code bench/scala-line}; see docs/benchmarks.md. Not a test.
 */
public final class ScalaLineBench {
    private ScalaLineBench() {
    }

    /** Arguments: the line (default {@code 1 + 1}), the runs (default 300), {@code bare} to skip spark's imports. */
    public static void main(String[] args) throws IOException {
        String line = args.length > 0 ? args[0] : "1 + 1";
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        boolean declareSpark = args.length <= 2 || !args[2].equals("bare");
        Path root = Files.createTempDirectory("livy-scala-line");
        ReplClasses classes = ReplClasses.create(root, Thread.currentThread().getContextClassLoader());
        long started = System.nanoTime();
        ScalaInterpreter scala = ScalaInterpreter.start(classes, OutputSizeLimit.from(DriverSettings.DEFAULTS));
        long compilerStarted = System.nanoTime();
        try {
            if (declareSpark) {
                scala.declareSpark();
            }
            System.out.printf(Locale.ROOT, "compiler started in %.0f ms%s%n", (compilerStarted - started) / 1e6,
                    declareSpark ? String.format(Locale.ROOT, ", then spark declared in %.0f ms",
                            (System.nanoTime() - compilerStarted) / 1e6) : "");
            long[] counted = BenchTimes.time(runs, i -> scala.execute(i, line));
            BenchTimes.report(line + " (" + (declareSpark ? "after the spark declaration and its imports" : "bare")
                    + ")", counted);
        } finally {
            scala.close();
            classes.close();
        }
    }
}
