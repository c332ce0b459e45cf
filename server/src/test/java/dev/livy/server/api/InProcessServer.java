package dev.livy.server.api;

import static io.restassured.RestAssured.given;

import dev.livy.common.api.VersionView;
import dev.livy.server.LivyServer;
import dev.livy.server.RequestBodyLimits;
import dev.livy.server.batch.BatchLauncher;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.batch.BatchSettings;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.launch.LocalClusterManager;
import dev.livy.server.launch.SparkApplicationLauncher;
import dev.livy.server.launch.SparkSubmitCommand;
import dev.livy.server.security.TlsSettings;
import dev.livy.server.session.RetainedOutputs;
import dev.livy.server.session.SessionExpiry;
import dev.livy.server.session.SessionLauncher;
import dev.livy.server.session.SessionManager;
import dev.livy.server.session.SessionSettings;
import dev.livy.server.session.StatementRetention;
import dev.livy.server.validation.BatchRequestValidator;
import dev.livy.server.validation.LocalPathWhitelist;
import dev.livy.server.validation.SessionRequestValidator;
import dev.livy.server.validation.SparkConfBlacklist;
import dev.livy.server.validation.SparkResourcesValidator;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The whole REST surface on Jetty at a free port, wired as the server wires it, with processes faked: what the
 * resource tests talk to over real HTTP. {@code /srv/jobs} is the local-path whitelist; bodies are limited to
 * 64 KiB arriving within 3 s, and starting sessions to five.
 */
final class InProcessServer implements AutoCloseable {
    static final String WHITELISTED_DIRECTORY = "/srv/jobs";
    static final int MAX_STARTING = 5;
    static final long MAX_BODY_BYTES = 64 * 1024;
    static final Duration BODY_TIMEOUT = Duration.ofSeconds(3);
    /** Long enough that a test sees a deleted session shutting down even on a loaded machine. */
    static final Duration STOP_GRACE = Duration.ofSeconds(1);

    final FakeProcessLauncher processes = new FakeProcessLauncher();
    final SessionManager sessions;
    final BatchManager batches;
    private final LivyServer server;

    InProcessServer(Path workDirectory) throws Exception {
        this(workDirectory, RequestAccess.open(), List.of(), Optional.empty());
    }

    /** With the given access rules, servlet filters (authentication, CSRF) and TLS. */
    InProcessServer(Path workDirectory, RequestAccess access, List<FilterHolder> filters, Optional<TlsSettings> tls)
            throws Exception {
        SparkSubmitCommand sparkSubmit = new SparkSubmitCommand(Path.of("/opt/spark"), "local[*]", "client");
        Path replJar = Path.of("/opt/livy-repl.jar");
        SparkApplicationLauncher applications = new SparkApplicationLauncher(sparkSubmit, processes, workDirectory);
        sessions = new SessionManager(new SessionLauncher(applications, replJar, "127.0.0.1", 1, Map.of()),
                Clock.systemUTC(), new SessionSettings(100, STOP_GRACE, Duration.ofMinutes(10), MAX_STARTING,
                Duration.ofSeconds(1), SessionExpiry.never(),
                new StatementRetention(100, 1 << 20, new RetainedOutputs(1 << 24))));
        sessions.start();
        batches = new BatchManager(new BatchLauncher(applications, replJar, new LocalClusterManager(false)),
                new BatchSettings(100, STOP_GRACE, Duration.ofMinutes(10)));
        SparkResourcesValidator resources = new SparkResourcesValidator(
                new SparkConfBlacklist(List.of("spark.master")),
                new LocalPathWhitelist(List.of(WHITELISTED_DIRECTORY)));
        server = new LivyServer("127.0.0.1", 0, ApiApplication.create(sessions,
                new SessionRequestValidator(resources), batches,
                new BatchRequestValidator(resources),
                new VersionView("0.9.0", "r", "main", "d", "u", ""), access),
                new RequestBodyLimits(MAX_BODY_BYTES, BODY_TIMEOUT), filters, tls);
        server.start();
    }

    int port() {
        return server.port();
    }

    RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }

    @Override
    public void close() throws Exception {
        server.stop();
        sessions.close();
        batches.close();
    }
}
