package dev.livy.server.api;

import static io.restassured.RestAssured.given;

import dev.livy.common.api.VersionView;
import dev.livy.server.ServerAssembly;
import dev.livy.server.ServerEnvironment;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.config.LivyConf;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.security.BasicAuthenticationFilter;
import dev.livy.server.security.PasswordCheck;
import dev.livy.server.security.RequireUserFilter;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.spark.TestSparkHomes;
import dev.livy.server.session.SessionManager;
import dev.livy.server.testing.ManualClock;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The whole REST surface on Jetty at a free port, built by the server's own {@link ServerAssembly} with processes
 * faked and a clock that moves only when a test moves it: what the resource tests talk to over real HTTP.
 * {@code /srv/jobs} is the local-path whitelist; bodies are limited to 64 KiB arriving within 3 s, and starting
 * sessions to five.
 */
final class InProcessServer implements AutoCloseable {
    static final String WHITELISTED_DIRECTORY = "/srv/jobs";
    static final int MAX_STARTING = 5;
    static final long MAX_BODY_BYTES = 64 * 1024;
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
    /** Long enough that a test sees a deleted session shutting down even on a loaded machine. */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);
    private static final Map<String, String> TEST_CONF = Map.ofEntries(
            Map.entry("livy.server.host", "127.0.0.1"),
            Map.entry("livy.server.port", "0"),
            Map.entry("livy.rsc.launcher.address", "127.0.0.1"),
            Map.entry("livy.rsc.driver.class-archive", "false"),
            Map.entry("livy.file.local-dir-whitelist", WHITELISTED_DIRECTORY),
            Map.entry("livy.server.session.max-creation", String.valueOf(MAX_STARTING)),
            Map.entry("livy.server.request-body.max-size", String.valueOf(MAX_BODY_BYTES)),
            Map.entry("livy.server.request-body.timeout", BODY_TIMEOUT.toSeconds() + "s"),
            Map.entry("livy.server.session.stop-grace", STOP_GRACE.toSeconds() + "s"),
            Map.entry("livy.server.session.timeout-check", "false"),
            Map.entry("livy.server.session.check-interval", "100ms"),
            Map.entry("livy.cache-log.size", "100"),
            Map.entry("livy.rsc.retained-statements", "100"),
            Map.entry("livy.rsc.retained-statements.max-size", "1m"),
            Map.entry("livy.server.retained-statements.max-total-size", "16m"));

    final FakeProcessLauncher processes = new FakeProcessLauncher();
    /** Stands still unless a test moves it: time in these tests passes only when they say so. */
    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T09:00:00Z"));
    final SessionManager sessions;
    final BatchManager batches;
    private final ServerAssembly server;

    InProcessServer(Path workDirectory) throws Exception {
        this(workDirectory, Map.of(), ServerSecurity.none());
    }

    /** With these configuration values over the tests' own, and this security (authentication, CSRF, TLS). */
    InProcessServer(Path workDirectory, Map<String, String> conf, ServerSecurity security) throws Exception {
        Map<String, String> values = new HashMap<>(TEST_CONF);
        values.putAll(conf);
        server = ServerAssembly.build(new LivyConf(values), security, new ServerEnvironment(
                TestSparkHomes.one(Path.of("/opt/spark"), Path.of("/opt/livy-repl.jar")), workDirectory.resolve("conf"),
                workDirectory, Map.of(), new VersionView("0.9.0", "r", "main", "d", "u", "")), processes, clock);
        sessions = server.sessions();
        batches = server.batches();
        server.start();
    }

    /** HTTP Basic against these passwords, as {@code livy.server.auth.type = basic} sets it up. */
    static ServerSecurity basicAuthentication(PasswordCheck passwords) {
        return new ServerSecurity(Optional.of(ServerSecurity.BASIC), List.of(
                new FilterHolder(new BasicAuthenticationFilter(passwords)), new FilterHolder(new RequireUserFilter())),
                Optional.empty());
    }

    int port() {
        return server.port();
    }

    RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }

    @Override
    public void close() {
        server.close();
    }
}
