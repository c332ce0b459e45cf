package dev.livy.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.it.LivyServerProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

/**
 * A Spark standalone cluster from the provisioned Spark: a master and two workers, each its own JVM started with
 * {@code bin/spark-class} on loopback with free ports (web UIs too), so executors are processes apart from the
 * driver. {@link #close} ends every JVM it started (and the executors under them) by pid. Shared by the test
 * classes that need it through {@link SharedClusters}. Not thread-safe: one test thread uses it.
 */
public final class StandaloneCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START = Duration.ofMinutes(2);
    private static final int WORKERS = 2;

    private final Path directory;
    private final int masterPort;
    private final int masterUiPort;
    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StandaloneCluster(Path directory, int masterPort, int masterUiPort) {
        this.directory = directory;
        this.masterPort = masterPort;
        this.masterUiPort = masterUiPort;
    }

    /** Starts the master and the workers and waits until the master lists both workers alive. */
    public static StandaloneCluster start(Path sparkHome) throws Exception {
        Path directory = Files.createTempDirectory("livy-it-standalone-");
        StandaloneCluster cluster = new StandaloneCluster(directory, freePort(), freePort());
        try {
            cluster.launch(sparkHome, "master", List.of("org.apache.spark.deploy.master.Master",
                    "--host", "127.0.0.1", "--port", Integer.toString(cluster.masterPort),
                    "--webui-port", Integer.toString(cluster.masterUiPort)));
            for (int worker = 1; worker <= WORKERS; worker++) {
                Path work = Files.createDirectories(directory.resolve("worker-" + worker));
                cluster.launch(sparkHome, "worker-" + worker, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--port", Integer.toString(freePort()),
                        "--webui-port", Integer.toString(freePort()), "--cores", "2", "--memory", "1536m",
                        "--work-dir", work.toString(), cluster.masterUrl()));
            }
            LivyServerProcess.await(WORKERS + " workers to register with the master", START,
                    () -> cluster.aliveWorkers() == WORKERS);
            return cluster;
        } catch (Exception | AssertionError e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:port}, the value of livy.spark.master. */
    public String masterUrl() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /** Where worker {@code n} (1 or 2) runs its executors, one directory per application. */
    public Path workerDirectory(int worker) {
        return directory.resolve("worker-" + worker);
    }

    /** The master's web UI, where the server reads the drivers of cluster-mode batches. */
    public String masterUiUrl() {
        return "http://127.0.0.1:" + masterUiPort;
    }

    /** The master's state of a driver (cluster deploy mode), active or completed; empty when it lists none. */
    public String driverState(String driverId) throws IOException, InterruptedException {
        JsonNode state = masterState();
        return StreamSupport.stream(state.path("activedrivers").spliterator(), false)
                .filter(driver -> driver.path("id").asText().equals(driverId))
                .findFirst()
                .or(() -> StreamSupport.stream(state.path("completeddrivers").spliterator(), false)
                        .filter(driver -> driver.path("id").asText().equals(driverId)).findFirst())
                .map(driver -> driver.path("state").asText()).orElse("");
    }

    /** The master's state as its web UI serves it at {@code /json/}. */
    public JsonNode masterState() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUiPort + "/json/"))
                .timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The ids of the applications the master lists as active. */
    public List<String> activeApplications() throws IOException, InterruptedException {
        return ids(masterState().path("activeapps"));
    }

    /** The ids of the applications the master lists as completed. */
    public List<String> completedApplications() throws IOException, InterruptedException {
        return ids(masterState().path("completedapps"));
    }

    /** The ids of the drivers (cluster deploy mode) the master lists as active. */
    public List<String> activeDrivers() throws IOException, InterruptedException {
        return ids(masterState().path("activedrivers"));
    }

    /** The ids of the drivers (cluster deploy mode) the master lists as completed. */
    public List<String> completedDrivers() throws IOException, InterruptedException {
        return ids(masterState().path("completeddrivers"));
    }

    /** The master's log, for assertion messages. */
    public String masterLog() throws IOException {
        return Files.readString(directory.resolve("master.log"));
    }

    private int aliveWorkers() {
        try {
            return (int) StreamSupport.stream(masterState().path("workers").spliterator(), false)
                    .filter(worker -> worker.path("state").asText().equals("ALIVE")).count();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static List<String> ids(JsonNode applications) {
        return StreamSupport.stream(applications.spliterator(), false).map(app -> app.path("id").asText()).toList();
    }

    private void launch(Path sparkHome, String name, List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(sparkHome.resolve("bin/spark-class").toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        processes.add(builder.start());
    }

    /** Workers first (they end their executors), then the master; SIGKILL for whatever is left after 30 s. */
    @Override
    public void close() throws IOException, InterruptedException {
        for (int index = processes.size() - 1; index >= 0; index--) {
            Process process = processes.get(index);
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
