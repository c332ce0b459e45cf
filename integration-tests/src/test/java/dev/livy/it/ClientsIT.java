package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clients people already use, against one packaged server: sparkmagic and pylivy themselves, Airflow's Livy
 * hook as a replay of its requests, Prometheus' text parser on {@code GET /metrics}, and schemathesis on
 * {@code GET /openapi.json}; sparkmagic, and pylivy's sessions, again against a server whose Spark is 3.5 (Scala
 * 2.12). The pytest suites live in {@code src/test/python}; their venv comes from {@code provision-client-venv}
 * (cached by the hash of the pinned requirements). Each suite's output goes to
 * {@code target/clients-it/pytest-<suite>.log} while it runs, and into the failure message when it fails.
 */
class ClientsIT {
    private static final Path PYTHON_TESTS = LivyServerProcess.LIVY_HOME.resolve("integration-tests/src/test/python");
    private static final Path OUTPUT = LivyServerProcess.LIVY_HOME.resolve("integration-tests/target/clients-it");
    private static final Duration PROVISION = Duration.ofMinutes(15);
    private static final Duration SUITE = Duration.ofMinutes(15);

    private static Path clientPython;
    private static Path batchDirectory;
    private static LivyServerProcess server;
    private static LivyServerProcess spark35Server;

    @BeforeAll
    static void provisionClientsAndStartServer() throws Exception {
        Files.createDirectories(OUTPUT);
        clientPython = provisionClientVenv();
        batchDirectory = Files.createTempDirectory("livy-it-client-jobs-").toRealPath();
        server = LivyServerProcess.start(Map.of("livy.file.local-dir-whitelist", batchDirectory.toString()));
        Map<String, String> spark35 = ProvisionedSpark.provision("--spark", "3.5");
        spark35Server = LivyServerProcess.start(Map.of("livy.file.local-dir-whitelist", batchDirectory.toString(),
                "livy.server.spark-home", spark35.get("SPARK_HOME")),
                Map.of("PYSPARK_PYTHON", spark35.get("PYSPARK_PYTHON")));
    }

    @AfterAll
    static void stopServerAndEverythingItStarted() throws Exception {
        if (spark35Server != null) {
            List<ProcessHandle> started = serverProcessTree(spark35Server);
            spark35Server.close();
            await("the Spark 3.5 server and every process it started to exit", Duration.ofSeconds(60),
                    () -> started.stream().noneMatch(process -> DriverProcesses.isRunning(process.pid())));
        }
        if (server == null) {
            return;
        }
        List<ProcessHandle> started = serverProcessTree(server);
        server.close();
        await("the server and every process it started to exit", Duration.ofSeconds(60),
                () -> started.stream().noneMatch(process -> DriverProcesses.isRunning(process.pid())));
        assertEquals(List.of(), DriverProcesses.runningWith(batchDirectory.toString()),
                "no batch program of these suites runs on");
    }

    @Test
    void sparkmagic() throws Exception {
        runSuite(server, "test_sparkmagic.py", "2.13");
    }

    @Test
    void pylivy() throws Exception {
        runSuite(server, "test_pylivy.py", "2.13");
    }

    @Test
    void prometheusScrapesMetrics() throws Exception {
        runSuite(server, "test_prometheus_metrics.py", "2.13");
    }

    @Test
    void schemathesisFuzzesTheOpenApiDescription() throws Exception {
        runSuite(server, "test_openapi_fuzz.py", "2.13");
    }

    @Test
    void airflowLivyHookRequests() throws Exception {
        runSuite(server, "test_airflow_livy_contract.py", "2.13");
    }

    @Test
    void sparkmagicOnSpark35() throws Exception {
        runSuite(spark35Server, "test_sparkmagic.py", "2.12");
    }

    /** pylivy's batches are the same requests on either Spark line ({@link Spark35IT} runs a batch on 3.5). */
    @Test
    void pylivyOnSpark35() throws Exception {
        runSuite(spark35Server, "test_pylivy.py", "2.12", "-k", "not TestBatch");
    }

    /**
     * sparkmagic polling a running statement and Airflow's hook polling a batch by id while their server, with
     * recovery on, is killed with SIGKILL and started again: the suite asks for the restart once both poll.
     */
    @Test
    void sparkmagicAndAirflowPollAcrossAServerCrash() throws Exception {
        Path markers = Files.createTempDirectory("livy-it-restart-");
        Path requested = markers.resolve("restart-requested");
        Path restarted = markers.resolve("restarted");
        LivyServerProcess recovering = LivyServerProcess.start(Map.of(
                "livy.file.local-dir-whitelist", batchDirectory.toString(),
                "livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", markers.resolve("store").toString()));
        try {
            Suite suite = startSuite(recovering, "test_clients_across_restart.py", "2.13", Map.of(
                    "LIVY_RESTART_REQUEST", requested.toString(), "LIVY_RESTART_DONE", restarted.toString()));
            await("the suite to ask for the restart", SUITE, () -> Files.exists(requested) || !suite.isAlive());
            if (Files.exists(requested)) {
                long began = System.nanoTime();
                recovering.killHard();
                recovering.restart();
                System.out.printf("The server was away for %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
                Files.writeString(restarted, "");
            }
            finishSuite(recovering, suite);
        } finally {
            recovering.script("stop", "--all");
        }
    }

    /**
     * @param scalaVersion the Scala of the server's Spark, whose REPL echo the suites expect
     * @param selection    pytest's arguments that select part of the suite; none for all of it
     */
    private static void runSuite(LivyServerProcess target, String suite, String scalaVersion, String... selection)
            throws Exception {
        finishSuite(target, startSuite(target, suite, scalaVersion, Map.of(), selection));
    }

    private static Suite startSuite(LivyServerProcess target, String suite, String scalaVersion,
            Map<String, String> extraEnvironment, String... selection) throws IOException {
        Path log = OUTPUT.resolve("pytest-" + suite.replace(".py", "") + "-scala-" + scalaVersion + ".log");
        List<String> command = new ArrayList<>(List.of(clientPython.toString(), "-m", "pytest", "--durations=5",
                PYTHON_TESTS.resolve(suite).toString()));
        command.addAll(List.of(selection));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(OUTPUT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(Map.of(
                "LIVY_URL", "http://127.0.0.1:" + target.port(),
                "LIVY_SCALA_VERSION", scalaVersion,
                "LIVY_BATCH_DIR", batchDirectory.toString(),
                // Keeps __pycache__ out of the source tree.
                "PYTHONDONTWRITEBYTECODE", "1",
                "SPARK_LOCAL_IP", "127.0.0.1"));
        builder.environment().putAll(extraEnvironment);
        builder.environment().remove("PYTHONPATH");
        return new Suite(suite, log, builder.start());
    }

    private static void finishSuite(LivyServerProcess target, Suite suite) throws Exception {
        Process pytest = suite.process();
        boolean ended = pytest.waitFor(SUITE.toMinutes(), TimeUnit.MINUTES);
        if (!ended) {
            pytest.descendants().forEach(ProcessHandle::destroyForcibly);
            pytest.destroyForcibly().waitFor();
        }
        String output = Files.readString(suite.log(), StandardCharsets.UTF_8);
        System.out.println(output);
        assertTrue(ended, "pytest " + suite.name() + " did not end within " + SUITE.toMinutes() + " minutes:\n"
                + output);
        assertEquals(0, pytest.exitValue(), "pytest " + suite.name() + " failed:\n" + output + "\nserver log:\n"
                + tail(target.serverLog(), 200));
    }

    /** A pytest run under way: its suite's file name, its log, its process. */
    private record Suite(String name, Path log, Process process) {
        boolean isAlive() {
            return process.isAlive();
        }
    }

    private static Path provisionClientVenv() throws IOException, InterruptedException {
        Path log = OUTPUT.resolve("provision-client-venv.log");
        Path printed = OUTPUT.resolve("provision-client-venv.out");
        Process process = new ProcessBuilder(PYTHON_TESTS.resolve("provision-client-venv").toString())
                .redirectOutput(printed.toFile())
                .redirectError(log.toFile())
                .start();
        if (!process.waitFor(PROVISION.toMinutes(), TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("provision-client-venv hung; see " + log);
        }
        String output = Files.readString(printed, StandardCharsets.UTF_8);
        String errors = Files.readString(log, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("provision-client-venv failed (" + process.exitValue() + "):\n" + errors);
        }
        return output.lines()
                .filter(line -> line.startsWith("CLIENT_PYTHON="))
                .map(line -> Path.of(line.substring("CLIENT_PYTHON=".length())))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("provision-client-venv printed no CLIENT_PYTHON:\n"
                        + output + errors));
    }

    /** The server JVM (found by its own conf directory) and every process under it: drivers, batches, Python. */
    private static List<ProcessHandle> serverProcessTree(LivyServerProcess target) {
        String confFlag = "-Dlivy.conf.dir=" + target.environment().get("LIVY_CONF_DIR") + " ";
        List<ProcessHandle> tree = new ArrayList<>();
        for (ProcessHandle process : DriverProcesses.runningWith(confFlag)) {
            tree.add(process);
            process.descendants().forEach(tree::add);
        }
        assertFalse(tree.isEmpty(), "the server process is found by " + confFlag);
        return List.copyOf(tree);
    }

    private static String tail(String text, int lines) {
        List<String> all = text.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
