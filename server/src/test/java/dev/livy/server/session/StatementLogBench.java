package dev.livy.server.session;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.StatementState;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.DriverSettings;
import dev.livy.common.protocol.StatementOutput;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.recovery.FilesystemStateStore;
import dev.livy.server.recovery.StateStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: the in-process figures of bench/statement-log (docs/benchmarks.md). What recording a statement costs
 * in the filesystem store: the earlier value per statement ({@code put}: temporary file, fsync, rename, fsync of the
 * directory) against an append to the session's log, its channel kept open or opened per append; a compaction of
 * a full history; and {@code submit} at the session manager with recovery off and on.
 *
 * <p>Arguments: the directory to measure in (on the disk under test), the count of records.
 */
public final class StatementLogBench {
    private static final int RECORD_BYTES = 300;

    private StatementLogBench() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Files.createDirectories(Path.of(args[0]));
        int count = Integer.parseInt(args[1]);
        byte[] record = "x".repeat(RECORD_BYTES).getBytes(StandardCharsets.UTF_8);
        try (FilesystemStateStore store = FilesystemStateStore.open(directory.resolve("store"))) {
            report("put, one value per statement", time(count, i -> store.put("sessions/0/statements/" + i, record)));
            report("append, channel kept open", time(count, i -> store.append("sessions/1", record)));
            Path perAppend = directory.resolve("store/sessions/2.log");
            report("append, channel opened per append", time(count, i -> appendOpeningTheFile(perAppend, record)));
            compaction(store, 100, 2 * 1024);
            compaction(store, 100, 32 * 1024);
        }
        for (int round = 0; round < 2; round++) {
            report("submit at the session manager, recovery off", submits(StateStore.DISABLED, directory, count));
            try (FilesystemStateStore store = FilesystemStateStore.open(directory.resolve("manager-" + round))) {
                report("submit at the session manager, filesystem store", submits(store, directory, count));
            }
        }
    }

    private static void appendOpeningTheFile(Path file, byte[] record) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.allocate(8 + record.length).putInt(record.length).putInt(0).put(record);
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    /** A log holding a history of {@code statements} statements (queued, finished) and as many dropped, compacted. */
    private static void compaction(StateStore store, int statements, int bytesPerStatement) throws IOException {
        String key = "sessions/compaction-" + bytesPerStatement;
        StatementLog log = new StatementLog(store, key);
        String code = "x".repeat(bytesPerStatement);
        for (int id = 0; id < 2 * statements; id++) {
            StoredStatement statement = new StoredStatement(id, code, CodeKind.PYSPARK,
                    StatementState.WAITING, null, 0, 0, 0);
            log.append(statement);
            log.append(statement);
            if (id < statements) {
                log.appendDrop(id);
            }
        }
        long[] nanos = new long[5];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            log.compact();
            nanos[i] = System.nanoTime() - start;
        }
        report("compaction of a history of " + statements + " statements of " + bytesPerStatement / 1024 + " KiB",
                nanos);
    }

    private static long[] submits(StateStore store, Path directory, int count) {
        FakeProcessLauncher launcher = new FakeProcessLauncher();
        SessionManager manager = new SessionManager(new SessionLauncher(new SparkApplicationLauncher(
                new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client"), launcher,
                directory.resolve("work")), Path.of("/opt/livy/livy-repl.jar"), "127.0.0.1", 4000,
                DriverSettings.DEFAULTS), Clock.systemUTC(), new SessionSettings(50, Duration.ofSeconds(1),
                Duration.ofMinutes(10), 5, Duration.ofSeconds(1), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 20))), SessionObserver.NONE, store,
                Duration.ofMinutes(30));
        manager.start();
        try {
            InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK, SparkResources.named(null),
                    SessionLimits.none());
            FakeConnectedDriver driver = new FakeConnectedDriver();
            driver.connectTo(session);
            driver.deliver(new DriverMessage.DriverReady("local-1", null));
            long[] nanos = new long[count];
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                int id = session.submit("spark.range(10).count() # " + i, CodeKind.PYSPARK).id();
                nanos[i] = System.nanoTime() - start;
                driver.deliver(new DriverMessage.StatementStarted(id));
                driver.deliver(new DriverMessage.StatementCompleted(id, new StatementOutput.Ok(id,
                        JsonNodeFactory.instance.objectNode().put("text/plain", "10"))));
            }
            return nanos;
        } finally {
            launcher.processes().forEach(process -> process.exit(0));
            manager.close(true);
        }
    }

    private interface Step {
        void run(int index) throws IOException;
    }

    private static long[] time(int count, Step step) throws IOException {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            step.run(i);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    private static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        List<String> figures = new ArrayList<>();
        for (double quantile : new double[] {0.5, 0.9, 0.99}) {
            int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
            figures.add(String.format(Locale.ROOT, "p%d %.3f ms", (int) Math.round(quantile * 100),
                    sorted[Math.max(0, index)] / 1e6));
        }
        System.out.printf(Locale.ROOT, "%-62s %s (n=%d)%n", what, String.join(", ", figures), nanos.length);
    }
}
