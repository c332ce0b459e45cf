package dev.livy.repl;

import dev.livy.common.CodeKind;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * The REPL driver: the main class spark-submit runs for an interactive session. It connects back to the server,
 * builds the session's one SparkSession (starting the session's own interpreter meanwhile), reports ready, then
 * runs statements and answers completions until the server asks it to stop or goes away. Every interpreter
 * (Python, Scala, SQL) works on that one SparkSession; those of other kinds start on their first statement.
 */
public final class ReplDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplDriver.class);
    private static final String REPL_CLASS_OUTPUT_DIR = "spark.repl.class.outputDir";
    private static final long PROGRESS_INTERVAL_MILLIS = 100;

    private final DriverLaunchConfig config;
    private final ServerChannel channel;
    private final CompletableFuture<SparkSession> session = new CompletableFuture<>();

    private ReplDriver(DriverLaunchConfig config, ServerChannel channel) {
        this.config = config;
        this.channel = channel;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ReplDriver <launch config file>");
            System.exit(2);
        }
        Path configFile = Path.of(args[0]);
        DriverLaunchConfig config = DriverLaunchConfig.readFrom(configFile);
        Files.deleteIfExists(configFile);
        LOG.info("Starting the REPL driver: {}", config);
        ServerChannel channel = ServerChannel.connect(config);
        int exitCode = new ReplDriver(config, channel).run();
        System.exit(exitCode);
    }

    private int run() {
        String gatewaySecret = ChannelAuth.newSecret();
        ClientServer gateway = new ClientServer.ClientServerBuilder(new PythonEntryPoint(session))
                .javaPort(0).javaAddress(InetAddress.getLoopbackAddress()).authToken(gatewaySecret).build();
        gateway.startServer(true);
        ReplClasses replClasses = ReplClasses.create(replClassRoot(), Thread.currentThread().getContextClassLoader());
        OutputSizeLimit outputLimit = OutputSizeLimit.from(config.settings());
        Map<CodeKind, Supplier<Interpreter>> factories = Map.of(
                CodeKind.PYSPARK, () -> startPython(gateway.getJavaServer().getListeningPort(), gatewaySecret,
                        outputLimit),
                CodeKind.SPARK, () -> startScala(replClasses, outputLimit),
                CodeKind.SQL, () -> new SqlInterpreter(session.join(), SqlInterpreter.maxRows(config.settings())),
                CodeKind.SPARKR, () -> {
                    throw new IllegalStateException(SparkRAvailability.reason());
                });
        Interpreters interpreters = new Interpreters(factories);
        ScheduledExecutorService progressTimer = Executors.newSingleThreadScheduledExecutor(daemon("progress-timer"));
        ExecutorService completions = Executors.newSingleThreadExecutor(daemon("completion"));
        StatementRunner runner = null;
        SparkSession spark = null;
        try {
            // The session's own interpreter starts while the SparkSession is built; it waits for the session only
            // where it needs it.
            // R is never started ahead: where it is missing, a sparkr session must still start and say so per
            // statement.
            Optional<CodeKind> ownKind = config.kind().defaultCodeKind().filter(factories::containsKey)
                    .filter(kind -> kind != CodeKind.SPARKR);
            CompletableFuture<Interpreter> ownInterpreter = ownKind
                    .map(kind -> CompletableFuture.supplyAsync(factories.get(kind)))
                    .orElse(CompletableFuture.completedFuture(null));
            long building = System.nanoTime();
            spark = createSparkSession(replClasses);
            session.complete(spark);
            long sessionReady = System.nanoTime();
            ProgressListener progress = new ProgressListener(channel::send,
                    (task, delay) -> progressTimer.schedule(task, delay, TimeUnit.MILLISECONDS),
                    System::currentTimeMillis, PROGRESS_INTERVAL_MILLIS);
            spark.sparkContext().addSparkListener(progress);
            Interpreter started = ownInterpreter.join();
            ownKind.ifPresent(kind -> interpreters.put(kind, started));
            LOG.info("SparkSession built in {} ms; the session's interpreter ready {} ms after it",
                    TimeUnit.NANOSECONDS.toMillis(sessionReady - building),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sessionReady));
            runner = new StatementRunner(interpreters, channel::send,
                    new SparkJobGroups(spark.sparkContext(), progress), outputLimit);
            runner.start();
            channel.send(new DriverMessage.DriverReady(spark.sparkContext().applicationId(),
                    spark.sparkContext().uiWebUrl().getOrElse(() -> null)));
            LOG.info("REPL driver ready");
            channel.receive(dispatcher(runner, interpreters, completions));
            LOG.info("Stopping the REPL driver");
            return 0;
        } catch (RuntimeException e) {
            LOG.error("The REPL driver failed", e);
            channel.send(new DriverMessage.DriverFailed(reason(e)));
            return 1;
        } finally {
            if (runner != null) {
                runner.close();
            }
            completions.shutdownNow();
            interpreters.close();
            if (spark != null) {
                spark.stop();
            }
            progressTimer.shutdownNow();
            gateway.shutdown();
            replClasses.close();
            channel.close();
        }
    }

    /**
     * Builds the session's one SparkSession. The REPL class directory is set before the SparkContext exists, so the
     * context serves it to executors; and the REPL class loader is the context loader meanwhile, so local executors
     * load the interpreter's classes through it instead of defining copies of their own.
     */
    static SparkSession createSparkSession(ReplClasses replClasses) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(replClasses.classLoader());
        try {
            return SparkSession.builder()
                    .config(REPL_CLASS_OUTPUT_DIR, replClasses.directory().toString())
                    .getOrCreate();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Spark's {@code spark.repl.classdir} when set, else the temporary directory. */
    private static Path replClassRoot() {
        return Path.of(new SparkConf().get("spark.repl.classdir", System.getProperty("java.io.tmpdir")));
    }

    private Consumer<DriverMessage> dispatcher(StatementRunner runner, Interpreters interpreters,
            ExecutorService completions) {
        return message -> {
            if (message instanceof DriverMessage.Execute execute) {
                runner.submit(execute);
            } else if (message instanceof DriverMessage.Cancel cancel) {
                runner.cancel(cancel.statementId());
            } else if (message instanceof DriverMessage.Complete complete) {
                // Never on the statement thread, and never on this one: a slow completion must not hold up cancels.
                completions.execute(() -> channel.send(new DriverMessage.CompletionResult(complete.requestId(),
                        interpreters.complete(complete.kind(), complete.code(), complete.cursor()))));
            } else if (message instanceof DriverMessage.Shutdown) {
                channel.close();
            } else {
                LOG.warn("Ignoring unexpected message {}", message.getClass().getSimpleName());
            }
        };
    }

    /** Starts the Scala interpreter, then binds it to the SparkSession once that exists. */
    private Interpreter startScala(ReplClasses replClasses, OutputSizeLimit outputLimit) {
        long started = System.nanoTime();
        ScalaInterpreter scala = ScalaInterpreter.start(replClasses, outputLimit);
        long compilerReady = System.nanoTime();
        try {
            SparkSession spark = session.join();
            long sessionReady = System.nanoTime();
            scala.bindSpark(spark);
            LOG.info("Scala interpreter ready: compiler {} ms, then binding spark {} ms",
                    TimeUnit.NANOSECONDS.toMillis(compilerReady - started),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - Math.max(compilerReady, sessionReady)));
            return scala;
        } catch (RuntimeException e) {
            scala.close();
            throw e;
        }
    }

    /** Starts and initialises the Python interpreter; the SparkSession must be (or become) ready. */
    private Interpreter startPython(int gatewayPort, String gatewaySecret, OutputSizeLimit outputLimit) {
        try {
            SparkConf sparkConf = new SparkConf();
            PythonInterpreter python = new PythonInterpreter(PythonEnvironment.executable(sparkConf),
                    PythonInterpreter.extractScript(),
                    PythonEnvironment.variables(gatewayPort, gatewaySecret, sparkConf), outputLimit);
            python.start();
            session.join();
            python.initialize();
            return python;
        } catch (IOException e) {
            throw new IllegalStateException("The Python interpreter cannot start: " + e.getMessage(), e);
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
