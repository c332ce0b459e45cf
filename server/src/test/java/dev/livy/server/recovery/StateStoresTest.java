package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.config.LivyConf;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What stops a server at start, in the words the operator reads. */
class StateStoresTest {
    @TempDir
    Path temp;

    @Test
    void recoveryOffKeepsNothing() {
        assertSame(StateStore.DISABLED, StateStores.open(new LivyConf(Map.of())));
    }

    @Test
    void aDirectoryThatCannotBeCreatedNamesTheKey() throws Exception {
        Path blocker = Files.writeString(temp.resolve("a-file"), "not a directory");

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> StateStores.open(filesystem(blocker.resolve("state"))));

        assertEquals("Cannot use " + blocker.resolve("state") + " as the state store "
                + "(livy.server.recovery.state-store.url): cannot create or write " + blocker, refused.getMessage());
    }

    @Test
    void aSecondServerOnTheSameDirectoryIsRefusedAndTheFirstKeepsItsStore() throws Exception {
        LivyConf conf = filesystem(temp.resolve("state"));
        try (StateStore first = StateStores.open(conf)) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StateStores.open(conf));

            assertTrue(refused.getMessage().startsWith("Another Livy server (pid " + ProcessHandle.current().pid()
                    + " on host "), refused.getMessage());
            assertTrue(refused.getMessage().endsWith("(livy.server.recovery.state-store.url): stop that server "
                    + "first, or give this one a state store of its own"), refused.getMessage());
            first.put("ids/batch", new byte[] {'1'});
        }
    }

    @Test
    void aZooKeeperThatDoesNotAnswerStopsTheServerNamingTheKey() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LivyConf conf = new LivyConf(Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store", "zookeeper",
                "livy.server.zookeeper.url", "127.0.0.1:" + closedPort,
                "livy.server.recovery.zk-state-store.auth", "livy:s3cret",
                "livy.server.recovery.zk-state-store.connect-timeout", "1s"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StateStores.open(conf));

        assertEquals("Cannot use ZooKeeper at 127.0.0.1:" + closedPort + " (livy.server.zookeeper.url) as the "
                + "state store: ZooKeeper at 127.0.0.1:" + closedPort + " did not answer within 1s",
                refused.getMessage());
    }

    @Test
    void zooKeeperWithoutCredentialsIsRefusedBeforeAnyConnection() {
        LivyConf conf = new LivyConf(Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store", "zookeeper",
                "livy.server.recovery.state-store.url", "zk.example.com:2181"));

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> StateStores.open(conf));

        assertTrue(refused.getMessage().contains("set livy.server.recovery.zk-state-store.auth to user:password"),
                refused.getMessage());
    }

    private static LivyConf filesystem(Path directory) {
        return new LivyConf(Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", directory.toString()));
    }
}
