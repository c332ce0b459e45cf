package dev.livy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.junit.jupiter.api.Test;

/**
 * The state store as an operator meets it through {@code bin/livy-server start}: a second server on a store that a
 * running server holds (a directory, or ZooKeeper in this JVM) is refused and says who holds it, while the first
 * keeps answering; a ZooKeeper that is not there, or a directory that cannot be created, stops the server with the
 * key to fix.
 */
class RecoveryStoreIT {

    @Test
    void aSecondServerOnTheSameStoreIsRefusedWhileTheFirstKeepsAnswering() throws Exception {
        Path state = Files.createTempDirectory("livy-it-state-").resolve("store");
        Map<String, String> conf = Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", state.toString());
        LivyServerProcess first = LivyServerProcess.start(conf);
        try {
            LivyServerProcess.Result second = startExpectingFailure(conf);

            assertEquals(1, second.exitCode(), second.output());
            assertTrue(second.output().contains("livy-server: cannot start: Another Livy server (pid "
                    + serverPid(first) + " on host "), second.output());
            assertTrue(second.output().contains("holds the state store " + state
                    + " (livy.server.recovery.state-store.url): stop that server first"), second.output());
            first.http().get("/sessions").then().statusCode(200);
        } finally {
            first.close();
        }
    }

    @Test
    void onZooKeeperASecondServerIsRefusedAndNoOtherClientCanReadTheStore() throws Exception {
        try (TestingServer zooKeeper = new TestingServer(true)) {
            Map<String, String> conf = Map.of("livy.server.recovery.mode", "recovery",
                    "livy.server.recovery.state-store", "zookeeper",
                    "livy.server.zookeeper.url", zooKeeper.getConnectString(),
                    "livy.server.recovery.zk-state-store.auth", "livy:it-secret");
            LivyServerProcess first = LivyServerProcess.start(conf);
            try {
                LivyServerProcess.Result second = startExpectingFailure(conf);

                assertEquals(1, second.exitCode(), second.output());
                assertTrue(second.output().contains("livy-server: cannot start: Another Livy server (pid "
                        + serverPid(first) + " on host "), second.output());
                first.http().get("/sessions").then().statusCode(200);
                try (CuratorFramework anonymous = CuratorFrameworkFactory.newClient(zooKeeper.getConnectString(),
                        new RetryOneTime(100))) {
                    anonymous.start();
                    assertThrows(KeeperException.NoAuthException.class,
                            () -> anonymous.getData().forPath("/livy/server/lock"));
                }
            } finally {
                first.close();
            }
        }
    }

    @Test
    void aServerPointedAtAZooKeeperThatIsNotThereDoesNotStartAndNamesTheKey() throws Exception {
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }

        LivyServerProcess.Result result = startExpectingFailure(Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store", "zookeeper",
                "livy.server.zookeeper.url", "127.0.0.1:" + nothingListens,
                "livy.server.recovery.zk-state-store.auth", "livy:it-secret",
                "livy.server.recovery.zk-state-store.connect-timeout", "2s"));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("livy-server: cannot start: Cannot use ZooKeeper at 127.0.0.1:"
                + nothingListens + " (livy.server.zookeeper.url) as the state store: ZooKeeper at 127.0.0.1:"
                + nothingListens + " did not answer within 2s"), result.output());
        assertTrue(!result.output().contains("it-secret"), "the credentials are not shown: " + result.output());
    }

    @Test
    void aStoreDirectoryThatCannotBeCreatedStopsTheServerNamingTheKey() throws Exception {
        Path notADirectory = Files.writeString(Files.createTempDirectory("livy-it-state-").resolve("a-file"), "x");

        LivyServerProcess.Result result = startExpectingFailure(Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", notADirectory.resolve("store").toString()));

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("livy-server: cannot start: Cannot use " + notADirectory.resolve("store")
                + " as the state store (livy.server.recovery.state-store.url): cannot create or write "
                + notADirectory), result.output());
    }

    /** {@code bin/livy-server start} with its own directories and port; stops the server if it started after all. */
    private static LivyServerProcess.Result startExpectingFailure(Map<String, String> livyConf)
            throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("livy-it-refused-");
        Path confDirectory = Files.createDirectories(directory.resolve("conf"));
        StringBuilder text = new StringBuilder("livy.server.port = " + freePort() + "\n");
        livyConf.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(confDirectory.resolve("livy.conf"), text);
        Files.copy(LivyServerProcess.LIVY_HOME.resolve("conf/spark-blacklist.conf"),
                confDirectory.resolve("spark-blacklist.conf"));
        Files.copy(LivyServerProcess.LIVY_HOME.resolve("conf/logback.xml"), confDirectory.resolve("logback.xml"));
        Map<String, String> environment = new HashMap<>(Map.of(
                "LIVY_CONF_DIR", confDirectory.toString(),
                "LIVY_LOG_DIR", directory.resolve("logs").toString(),
                "LIVY_PID_DIR", directory.resolve("run").toString(),
                "LIVY_START_TIMEOUT", "120"));
        try {
            return LivyServerProcess.run(environment, "start");
        } finally {
            LivyServerProcess.run(environment, "stop");
        }
    }

    private static long serverPid(LivyServerProcess server) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(server.environment().get("LIVY_PID_DIR")))) {
            Path pidFile = files.filter(file -> file.getFileName().toString().endsWith("-server.pid")).findFirst()
                    .orElseThrow();
            return Long.parseLong(Files.readString(pidFile).strip());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
