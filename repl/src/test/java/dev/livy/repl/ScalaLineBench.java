package dev.livy.repl;

import dev.livy.common.protocol.DriverSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
            long[] nanos = new long[runs];
            for (int i = 0; i < runs; i++) {
                long lineStarted = System.nanoTime();
                scala.execute(i, line);
                nanos[i] = System.nanoTime() - lineStarted;
            }
            long[] counted = Arrays.copyOfRange(nanos, runs / 3, runs);
            Arrays.sort(counted);
            System.out.printf(Locale.ROOT, "%s (%s): n %d, p10 %.1f ms, p50 %.1f ms, p90 %.1f ms%n", line,
                    declareSpark ? "after the spark declaration and its imports" : "bare", counted.length,
                    millis(counted, 0.1), millis(counted, 0.5), millis(counted, 0.9));
        } finally {
            scala.close();
            classes.close();
        }
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
