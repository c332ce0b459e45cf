package dev.livy.repl;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;

/** The timing the driver's benches share (not tests): runs counted after a warm-up third, and their percentiles. */
final class BenchTimes {
    private BenchTimes() {
    }

    /** Runs {@code run(i)} for i in [0, runs) and returns the durations of the last two thirds, in nanoseconds. */
    static long[] time(int runs, IntConsumer run) {
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            run.accept(i);
            nanos[i] = System.nanoTime() - started;
        }
        return Arrays.copyOfRange(nanos, runs / 3, runs);
    }

    static long[] concat(long[] first, long[] second) {
        long[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    /** Prints {@code what: n N, p10 X ms, p50 Y ms, p90 Z ms}. */
    static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: n %d, p10 %.1f ms, p50 %.1f ms, p90 %.1f ms%n", what, sorted.length,
                millis(sorted, 0.1), millis(sorted, 0.5), millis(sorted, 0.9));
    }

    private static double millis(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }
}
