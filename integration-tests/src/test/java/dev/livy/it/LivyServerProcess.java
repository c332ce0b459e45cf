package dev.livy.it;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server as a user runs it: {@code bin/livy-server start} with its own conf, log, pid and state
 * directories under a temporary directory and a free port; {@link #close} runs {@code bin/livy-server stop}.
 * Recovery is off unless the test's livy.conf entries set {@code livy.server.recovery.mode}, so that a test that
 * does not ask for it behaves as before and no two servers share a store.
 */
public final class LivyServerProcess implements AutoCloseable {
    public static final Path LIVY_HOME = Path.of(System.getProperty("livy.home", "..")).toAbsolutePath().normalize();

    private final Path directory;
    private final int port;
    private final Map<String, String> environment;

    private LivyServerProcess(Path directory, int port, Map<String, String> environment) {
        this.directory = directory;
        this.port = port;
        this.environment = environment;
    }

    /** Starts a server with these livy.conf entries (besides the port). */
    public static LivyServerProcess start(Map<String, String> livyConf) throws IOException, InterruptedException {
        return start(livyConf, Map.of());
    }

    /** Starts a server with these livy.conf entries and environment variables for bin/livy-server. */
    public static LivyServerProcess start(Map<String, String> livyConf, Map<String, String> extraEnvironment)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("livy-it-");
        Path conf = Files.createDirectories(directory.resolve("conf"));
        int port = freePort();
        StringBuilder text = new StringBuilder("livy.server.port = " + port + "\n");
        if (!livyConf.containsKey("livy.server.recovery.mode")) {
            text.append("livy.server.recovery.mode = off\n");
        }
        livyConf.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(conf.resolve("livy.conf"), text);
        Files.copy(LIVY_HOME.resolve("conf/spark-blacklist.conf"), conf.resolve("spark-blacklist.conf"));
        Files.copy(LIVY_HOME.resolve("conf/logback.xml"), conf.resolve("logback.xml"));
        Map<String, String> environment = new HashMap<>(Map.of(
                "LIVY_CONF_DIR", conf.toString(),
                "LIVY_LOG_DIR", directory.resolve("logs").toString(),
                "LIVY_PID_DIR", directory.resolve("run").toString(),
                "LIVY_STATE_DIR", directory.resolve("state").toString(),
                "SPARK_LOCAL_IP", "127.0.0.1"));
        environment.putAll(extraEnvironment);
        LivyServerProcess server = new LivyServerProcess(directory, port, environment);
        Result result = server.script("start");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("bin/livy-server start failed (" + result.exitCode() + "):\n"
                    + result.output() + "\n" + server.serverLog());
        }
        return server;
    }

    /** Starts this server again, after a stop or a crash: the same conf, directories and port. */
    public void restart() throws IOException, InterruptedException {
        Result result = script("start");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("bin/livy-server start failed (" + result.exitCode() + "):\n"
                    + result.output() + "\n" + serverLog());
        }
    }

    /** Where the server keeps its state with the embedded recovery default ({@code LIVY_STATE_DIR}). */
    public Path stateDirectory() {
        return directory.resolve("state");
    }

    public static LivyServerProcess start() throws IOException, InterruptedException {
        return start(Map.of());
    }

    public RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(port).contentType("application/json");
    }

    public int port() {
        return port;
    }

    public Map<String, String> environment() {
        return environment;
    }

    /** Where {@code bin/livy-server start} writes the server's output. */
    public Path logDirectory() {
        return directory.resolve("logs");
    }

    public String serverLog() throws IOException {
        Path logs = directory.resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                text.append(Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    /** Runs {@code bin/livy-server} with this server's environment. */
    public Result script(String... arguments) throws IOException, InterruptedException {
        return run(environment, arguments);
    }

    static Result run(Map<String, String> environment, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(LIVY_HOME.resolve("bin/livy-server").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/livy-server " + String.join(" ", arguments) + " hung");
        }
        return new Result(process.exitValue(), output);
    }

    /** SIGKILL to the server's JVM, the pid from its pid file, as a crash would end it; waits until it is gone. */
    public void killHard() throws Exception {
        Path pidFile;
        try (var files = Files.list(directory.resolve("run"))) {
            pidFile = files.filter(file -> file.getFileName().toString().endsWith("-server.pid")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no pid file in " + directory.resolve("run")));
        }
        ProcessHandle server = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip())).orElseThrow();
        server.destroyForcibly();
        server.onExit().get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Result result = script("stop");
        if (result.exitCode() != 0) {
            throw new IllegalStateException("bin/livy-server stop failed:\n" + result.output());
        }
    }

    public record Result(int exitCode, String output) {
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits for a condition a user would poll for; fails with the description after the timeout. */
    public static void await(String description, Duration timeout, Check check) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (check.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Timed out after " + timeout.toSeconds() + "s waiting for " + description);
    }

    /**
     * Waits until the session is idle; if it dies first, fails with its log. {@code http} gives each request its
     * credentials and headers.
     */
    public static void awaitIdle(Supplier<RequestSpecification> http, int sessionId, Duration timeout)
            throws Exception {
        await("session " + sessionId + " to become idle", timeout, () -> {
            String state = http.get().get("/sessions/" + sessionId + "/state").jsonPath().getString("state");
            if (state.equals("dead") || state.equals("error")) {
                throw new AssertionError("session " + sessionId + " died:\n"
                        + http.get().get("/sessions/" + sessionId + "/log?size=-1").asString());
            }
            return state.equals("idle");
        });
    }

    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }
}
