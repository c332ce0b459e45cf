package dev.livy.repl;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
 * builds the session's one SparkSession (starting the session's interpreter meanwhile), reports ready, then runs
 * statements and answers completions until the server asks it to stop or goes away.
 */
public final class ReplDriver {
    private static final Logger LOG = LoggerFactory.getLogger(ReplDriver.class);
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
        Supplier<Interpreter> python = () -> startPython(gateway.getJavaServer().getListeningPort(), gatewaySecret);
        Interpreters interpreters = new Interpreters(Map.of(CodeKind.PYSPARK, python));
        ScheduledExecutorService progressTimer = Executors.newSingleThreadScheduledExecutor(daemon("progress-timer"));
        ExecutorService completions = Executors.newSingleThreadExecutor(daemon("completion"));
        StatementRunner runner = null;
        SparkSession spark = null;
        try {
            CompletableFuture<Interpreter> ownInterpreter = config.kind() == SessionKind.PYSPARK
                    ? CompletableFuture.supplyAsync(python)
                    : CompletableFuture.completedFuture(null);
            spark = SparkSession.builder().getOrCreate();
            session.complete(spark);
            ProgressListener progress = new ProgressListener(channel::send,
                    (task, delay) -> progressTimer.schedule(task, delay, TimeUnit.MILLISECONDS),
                    System::currentTimeMillis, PROGRESS_INTERVAL_MILLIS);
            spark.sparkContext().addSparkListener(progress);
            Interpreter started = ownInterpreter.join();
            if (started != null) {
                interpreters.put(CodeKind.PYSPARK, started);
            }
            runner = new StatementRunner(interpreters, channel::send,
                    new SparkJobGroups(spark.sparkContext(), progress));
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
            channel.close();
        }
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

    /** Starts and initialises the Python interpreter; the SparkSession must be (or become) ready. */
    private Interpreter startPython(int gatewayPort, String gatewaySecret) {
        try {
            SparkConf sparkConf = new SparkConf();
            PythonInterpreter python = new PythonInterpreter(PythonEnvironment.executable(sparkConf),
                    PythonInterpreter.extractScript(),
                    PythonEnvironment.variables(gatewayPort, gatewaySecret, sparkConf));
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
