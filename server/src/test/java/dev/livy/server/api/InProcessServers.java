package dev.livy.server.api;

import dev.livy.server.batch.BatchManager;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.session.SessionManager;
import dev.livy.server.testing.ManualClock;
import dev.livy.server.util.Directories;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension that gives each test its own {@link InProcessServer} in a directory of its own and closes it
 * after the test: started before the test with the tests' configuration, or by the test itself with more.
 * Not thread-safe: one test at a time.
 */
final class InProcessServers implements BeforeEachCallback, AfterEachCallback {
    private final boolean startBeforeEachTest;
    private Path workDirectory;
    private InProcessServer server;

    private InProcessServers(boolean startBeforeEachTest) {
        this.startBeforeEachTest = startBeforeEachTest;
    }

    /** A server with the tests' configuration is running when each test starts. */
    static InProcessServers startedBeforeEachTest() {
        return new InProcessServers(true);
    }

    /** Each test starts its server with {@link #start(Map, ServerSecurity)}. */
    static InProcessServers startedByEachTest() {
        return new InProcessServers(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        workDirectory = Files.createTempDirectory("livy-api-test");
        if (startBeforeEachTest) {
            start(Map.of(), ServerSecurity.none());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
            server = null;
        }
        Directories.deleteRecursively(workDirectory);
    }

    /** Starts this test's server with the tests' configuration. */
    InProcessServer start() throws Exception {
        return start(Map.of(), ServerSecurity.none());
    }

    /** Starts this test's server with these configuration values over the tests' own, and this security. */
    InProcessServer start(Map<String, String> conf, ServerSecurity security) throws Exception {
        if (server != null) {
            throw new IllegalStateException("This test's server is running already");
        }
        server = new InProcessServer(workDirectory, conf, security);
        return server;
    }

    /** This test's own directory; the server's scratch space, free for the test's files too. */
    Path workDirectory() {
        return workDirectory;
    }

    RequestSpecification http() {
        return running().http();
    }

    int port() {
        return running().port();
    }

    FakeProcessLauncher processes() {
        return running().processes;
    }

    ManualClock clock() {
        return running().clock;
    }

    SessionManager sessions() {
        return running().sessions;
    }

    BatchManager batches() {
        return running().batches;
    }

    private InProcessServer running() {
        if (server == null) {
            throw new IllegalStateException("This test has not started its server");
        }
        return server;
    }
}
