package dev.livy.server;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.api.VersionView;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.server.config.LivyConf;
import dev.livy.server.launch.FakeProcessLauncher;
import dev.livy.server.security.ServerSecurity;
import dev.livy.server.spark.TestSparkHomes;
import dev.livy.server.testing.Eventually;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The composition root: what the configuration says reaches the parts it builds, and close stops all of them. */
class ServerAssemblyTest {
    @TempDir
    Path workDirectory;

    private final FakeProcessLauncher processes = new FakeProcessLauncher();

    @Test
    void theConfigurationReachesTheDriversAndCloseStopsEveryPart() throws Exception {
        ServerAssembly server = build(Map.of("livy.rsc.sql.num-rows", "25", "livy.spark.master", "local[2]",
                "livy.server.sparkr.library", "/opt/r-library"));
        server.start();
        DriverLaunchConfig launch;
        int httpPort = server.port();
        try {
            given().baseUri("http://127.0.0.1").port(server.port()).body("{\"kind\":\"sql\"}").post("/sessions")
                    .then().statusCode(201);
            Eventually.holds(() -> !processes.launched().isEmpty());
            List<String> argv = processes.launched().get(0).argv();
            launch = DriverLaunchConfig.readFrom(Path.of(argv.get(argv.size() - 1)));

            assertEquals(25, launch.settings().sqlNumRows());
            assertEquals("/opt/r-library", launch.settings().sparkRLibrary());
            assertTrue(argv.containsAll(List.of("--master", "local[2]")), argv::toString);
            assertTrue(accepts(launch.serverPort()), "the driver channel listens where drivers are sent");
        } finally {
            server.close();
        }

        assertFalse(processes.processes().get(0).isAlive(), "close stops every session's driver");
        assertFalse(accepts(httpPort), "close stops HTTP");
        assertFalse(accepts(launch.serverPort()), "close stops the driver channel");
    }

    @Test
    void aChannelPortInUseStopsTheBuildNamingTheKeys() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> build(Map.of("livy.rsc.launcher.port", String.valueOf(taken.getLocalPort()))));

            assertTrue(refused.getMessage().contains("livy.rsc.launcher.port"), refused::getMessage);
        }
    }

    @Test
    void withRecoveryTheDriverChannelBindsThePortOfThePreviousServerAndDriversAreToldToWaitForIt()
            throws Exception {
        Map<String, String> recovery = Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", workDirectory.resolve("state").toString(),
                "livy.rsc.server.reconnect-timeout", "7m");
        int channelPort;
        ServerAssembly first = build(recovery);
        try {
            first.start();
            given().baseUri("http://127.0.0.1").port(first.port()).body("{\"kind\":\"sql\"}").post("/sessions")
                    .then().statusCode(201);
            Eventually.holds(() -> !processes.launched().isEmpty());
            List<String> argv = processes.launched().get(0).argv();
            DriverLaunchConfig launch = DriverLaunchConfig.readFrom(Path.of(argv.get(argv.size() - 1)));
            channelPort = launch.serverPort();
            assertEquals(7 * 60_000, launch.settings().reconnectTimeoutMillis());
        } finally {
            first.close();
        }
        processes.processes().forEach(process -> process.exit(0));

        try (ServerSocket taken = new ServerSocket(channelPort, 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> build(recovery));
            assertTrue(refused.getMessage().contains(":" + channelPort + " ")
                    && refused.getMessage().contains("livy.rsc.launcher.port"), refused::getMessage);
        }
        ServerAssembly second = build(recovery);
        try {
            second.start();
            assertTrue(accepts(channelPort), "the same port again");
            assertEquals(1, second.sessions().count(), "the session is back");
        } finally {
            second.close();
        }
    }

    private ServerAssembly build(Map<String, String> conf) throws IOException {
        Map<String, String> values = new HashMap<>(Map.of("livy.server.port", "0",
                "livy.rsc.driver.class-archive", "false"));
        values.putAll(conf);
        return ServerAssembly.build(new LivyConf(values), ServerSecurity.none(), new ServerEnvironment(
                TestSparkHomes.one(Path.of("/opt/spark"), Path.of("/opt/livy-repl.jar")), workDirectory.resolve("conf"),
                workDirectory, Map.of(), new VersionView("0.9.0", "r", "main", "d", "u", "")), processes,
                Clock.systemUTC());
    }

    private static boolean accepts(int port) throws IOException {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }
}
