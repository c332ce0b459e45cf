package dev.livy.repl;

import dev.livy.common.CodeKind;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import py4j.ClientServer;

/**
 * Everything one REPL driver runs on: builds the REPL class directory, the Py4J gateway, the session's one
 * SparkSession, the interpreters, the executors and the statement runner, in that order; reports ready; hands the
 * server's requests to {@link ServerRequests} until the server asks it to stop or goes away; and closes what it
 * opened in reverse. Used by the driver's main thread only; the parts it builds state their own thread-safety.
 */
final class DriverRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DriverRuntime.class);
    private static final long PROGRESS_INTERVAL_MILLIS = 100;
    /** Ended statements whose outputs a restarted server can ask for: those that ended while it was away. */
    private static final int REMEMBERED_STATEMENTS = 100;
    private static final long REMEMBERED_OUTPUT_BYTES = 32L * 1024 * 1024;

    private final DriverLaunchConfig config;
    private final ServerChannel channel;
    private final CompletableFuture<SparkSession> session = new CompletableFuture<>();
    private final Deque<Runnable> opened = new ArrayDeque<>();

    DriverRuntime(DriverLaunchConfig config, ServerChannel channel) {
        this.config = Objects.requireNonNull(config, "config");
        this.channel = Objects.requireNonNull(channel, "channel");
    }

    /** Starts the driver and serves the server until it is done; the process's exit code. */
    int run() {
        try {
            ServerRequests requests = start();
            LOG.info("REPL driver ready");
            channel.receive(requests);
            LOG.info("Stopping the REPL driver");
            return 0;
        } catch (RuntimeException e) {
            LOG.error("The REPL driver failed", e);
            channel.send(new DriverMessage.DriverFailed(reason(e)));
            return 1;
        }
    }

    private ServerRequests start() {
        ReplClasses replClasses = open(
                ReplClasses.create(replClassRoot(), Thread.currentThread().getContextClassLoader()),
                ReplClasses::close);
        String gatewaySecret = ChannelAuth.newSecret();
        ClientServer gateway = open(new ClientServer.ClientServerBuilder(new PythonEntryPoint(session))
                .javaPort(0).javaAddress(InetAddress.getLoopbackAddress()).authToken(gatewaySecret).build(),
                ClientServer::shutdown);
        gateway.startServer(true);
        ScheduledExecutorService progressTimer = open(
                Executors.newSingleThreadScheduledExecutor(daemon("progress-timer")),
                ScheduledExecutorService::shutdownNow);
        // Stopped after the interpreters, which work on it, are closed.
        open(session, building -> building.thenAccept(SparkSession::stop));
        OutputSizeLimit outputLimit = OutputSizeLimit.from(config.settings());
        PythonPaths pythonPaths = new PythonPaths();
        Map<CodeKind, Supplier<Interpreter>> factories = Map.of(
                CodeKind.PYSPARK, () -> startPython(gateway.getJavaServer().getListeningPort(), gatewaySecret,
                        outputLimit, pythonPaths),
                CodeKind.SPARK, () -> startScala(replClasses, outputLimit),
                CodeKind.SQL, () -> new SqlInterpreter(session.join(), config.settings().sqlNumRows()),
                CodeKind.SPARKR, () -> startR(outputLimit));
        Interpreters interpreters = open(new Interpreters(factories), Interpreters::close);
        ExecutorService completions = open(Executors.newSingleThreadExecutor(daemon("completion")),
                ExecutorService::shutdownNow);

        // The session's own interpreter starts while the SparkSession is built; it waits for the session only
        // where it needs it.
        // R that cannot start does not fail the session: its first R statement asks again and says why.
        Optional<CodeKind> ownKind = config.kind().defaultCodeKind().filter(factories::containsKey);
        CompletableFuture<Interpreter> ownInterpreter = ownKind
                .map(kind -> kind != CodeKind.SPARKR ? CompletableFuture.supplyAsync(factories.get(kind))
                        : CompletableFuture.supplyAsync(factories.get(kind)).exceptionally(failure -> {
                            LOG.warn("R did not start ahead; the first R statement tries again", failure);
                            return null;
                        }))
                .orElse(CompletableFuture.completedFuture(null));
        long building = System.nanoTime();
        SparkSession spark = ReplDriver.createSparkSession(replClasses);
        session.complete(spark);
        long sessionReady = System.nanoTime();
        ProgressListener progress = new ProgressListener(channel::send,
                (task, delay) -> progressTimer.schedule(task, delay, TimeUnit.MILLISECONDS),
                System::currentTimeMillis, PROGRESS_INTERVAL_MILLIS);
        spark.sparkContext().addSparkListener(progress);
        Interpreter started = ownInterpreter.join();
        if (started != null) {
            ownKind.ifPresent(kind -> interpreters.put(kind, started));
        }
        LOG.info("SparkSession built in {} ms; the session's interpreter ready {} ms after it",
                TimeUnit.NANOSECONDS.toMillis(sessionReady - building),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sessionReady));

        StatementLedger ledger = new StatementLedger(channel::send, REMEMBERED_STATEMENTS,
                REMEMBERED_OUTPUT_BYTES);
        StatementRunner runner = open(new StatementRunner(interpreters, ledger,
                new SparkJobGroups(spark.sparkContext(), progress), outputLimit), StatementRunner::close);
        runner.start();
        File jobDirectory = jobDirectory();
        JobClassLoader jobClasses = open(new JobClassLoader(Thread.currentThread().getContextClassLoader()),
                DriverRuntime::closeQuietly);
        JobRunner jobs = open(new JobRunner(jobClasses, new LivyJobContext(spark, jobDirectory),
                new SparkJobsOf(spark.sparkContext()), channel::send, outputLimit.maxBytes()), JobRunner::close);
        DriverFiles files = new DriverFiles(spark.sparkContext(), jobClasses, pythonPaths, jobDirectory);
        DriverMessage.DriverReady ready = new DriverMessage.DriverReady(spark.sparkContext().applicationId(),
                spark.sparkContext().uiWebUrl().getOrElse(() -> null));
        channel.onReconnect(() -> channel.send(ready));
        channel.send(ready);
        return new ServerRequests(runner, ledger, jobs, files::add, interpreters, completions, channel::send,
                channel::close, sessionId -> {
                    LOG.info("Pooled driver bound to session {}", sessionId);
                    channel.bindTo(sessionId);
                    channel.send(ready);
                });
    }

    /** Closes what {@link #run} opened, last opened first; one that fails to close does not keep the rest open. */
    @Override
    public void close() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().run();
            } catch (RuntimeException e) {
                LOG.warn("Failed to release a part of the REPL driver", e);
            }
        }
    }

    private <T> T open(T resource, Consumer<T> closer) {
        opened.push(() -> closer.accept(resource));
        return resource;
    }

    /** Spark's {@code spark.repl.classdir} when set, else the temporary directory. */
    private static Path replClassRoot() {
        return Path.of(new SparkConf().get("spark.repl.classdir", System.getProperty("java.io.tmpdir")));
    }

    /**
     * Starts the Scala interpreter and declares {@code spark} in it while the SparkSession is built, then binds
     * it to the SparkSession once that exists.
     */
    private Interpreter startScala(ReplClasses replClasses, OutputSizeLimit outputLimit) {
        long started = System.nanoTime();
        ScalaInterpreter scala = ScalaInterpreter.start(replClasses, outputLimit);
        long compilerReady = System.nanoTime();
        try {
            scala.declareSpark();
            long declared = System.nanoTime();
            SparkSession spark = session.join();
            long sessionReady = System.nanoTime();
            scala.bindSpark(spark);
            LOG.info("Scala interpreter ready: compiler {} ms, declaring spark {} ms, then binding it {} ms",
                    TimeUnit.NANOSECONDS.toMillis(compilerReady - started),
                    TimeUnit.NANOSECONDS.toMillis(declared - compilerReady),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - Math.max(declared, sessionReady)));
            return scala;
        } catch (RuntimeException e) {
            scala.close();
            throw e;
        }
    }

    /** Starts and initialises the Python interpreter; the SparkSession must be (or become) ready. */
    private Interpreter startPython(int gatewayPort, String gatewaySecret, OutputSizeLimit outputLimit,
            PythonPaths pythonPaths) {
        try {
            SparkConf sparkConf = new SparkConf();
            PythonInterpreter python = new PythonInterpreter(PythonEnvironment.executable(sparkConf),
                    PythonInterpreter.extractScript(),
                    PythonEnvironment.variables(gatewayPort, gatewaySecret, sparkConf), outputLimit, pythonPaths);
            python.start();
            session.join();
            python.initialize();
            return python;
        } catch (IOException e) {
            throw new IllegalStateException("The Python interpreter cannot start: " + e.getMessage(), e);
        }
    }

    /** Starts R bound to the SparkSession, or fails saying what this machine lacks for R. */
    private Interpreter startR(OutputSizeLimit outputLimit) {
        SparkConf sparkConf = new SparkConf();
        Optional<Path> configuredLibrary = config.settings().sparkRLibraryPath();
        REnvironment.missing(sparkConf, configuredLibrary).ifPresent(missing -> {
            throw new IllegalStateException(missing);
        });
        session.join();
        try {
            return RInterpreter.start(REnvironment.rCommand(sparkConf),
                    REnvironment.sparkR(configuredLibrary).orElseThrow(), outputLimit);
        } catch (IOException e) {
            throw new IllegalStateException("R cannot start: " + e.getMessage(), e);
        }
    }

    /** The jobs' local directory ({@code JobContext.getLocalTmpDir}), in the driver's working directory. */
    private static File jobDirectory() {
        try {
            return Files.createTempDirectory(Path.of("").toAbsolutePath(), "livy-jobs-").toFile();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the jobs' local directory", e);
        }
    }

    private static void closeQuietly(JobClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            LOG.warn("Cannot close the jobs' class loader", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The failure's own message, past the wrappers that futures add. */
    private static String reason(Throwable e) {
        Throwable failure = e;
        while (failure instanceof CompletionException && failure.getCause() != null) {
            failure = failure.getCause();
        }
        return failure.getMessage() != null ? failure.getMessage() : failure.toString();
    }
}
