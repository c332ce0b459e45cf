package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.config.ZooKeeperRetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ZooKeeper store's logs against a real ZooKeeper in this JVM, one for the class; each test has its prefix. */
class ZooKeeperStateStoreLogTest {
    private static final String CREDENTIALS = "livy:s3cret";
    private static final AtomicInteger PREFIXES = new AtomicInteger();
    private static TestingServer zooKeeper;

    @BeforeAll
    static void startZooKeeper() throws Exception {
        zooKeeper = new TestingServer(true);
    }

    @AfterAll
    static void stopZooKeeper() throws IOException {
        zooKeeper.close();
    }

    @Test
    void recordsAppendedAreReadBackInOrderByANewStoreAndAreNoKeys() throws Exception {
        ZooKeeperSettings settings = settings();
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings)) {
            store.put("sessions/3", bytes("session"));
            for (int i = 0; i < 12; i++) {
                store.append("sessions/3", bytes("record " + i));
            }
            store.put("sessions/3/statements/0", bytes("an older key"));
        }

        try (ZooKeeperStateStore reopened = ZooKeeperStateStore.open(settings)) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                expected.add("record " + i);
            }
            assertEquals(expected, texts(reopened.records("sessions/3")));
            assertEquals(List.of("statements"), reopened.children("sessions/3"));
            assertEquals("session", text(reopened.get("sessions/3").orElseThrow()));
            assertEquals(List.of(), reopened.records("sessions/4"));
        }
    }

    @Test
    void replacingALogIsOneTransactionAndAppendsFollowTheNewRecords() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            store.append("sessions/5", bytes("a"));
            store.append("sessions/5", bytes("b"));
            store.append("sessions/5", bytes("c"));

            store.replaceRecords("sessions/5", List.of(bytes("b+c"), bytes("x")));
            store.append("sessions/5", bytes("d"));

            assertEquals(List.of("b+c", "x", "d"), texts(store.records("sessions/5")));
            store.replaceRecords("sessions/6", List.of(bytes("a log that was not there")));
            assertEquals(List.of("a log that was not there"), texts(store.records("sessions/6")));
        }
    }

    @Test
    void aReplacementTooLargeForOneTransactionIsRefusedAndTheLogIsUntouched() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            store.append("sessions/1", bytes("kept"));
            List<byte[]> tooMany = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                tooMany.add(new byte[ZooKeeperStateStore.MAX_VALUE_BYTES / 3]);
            }

            IOException refused = assertThrows(IOException.class, () -> store.replaceRecords("sessions/1", tooMany));

            assertTrue(refused.getMessage().contains("larger than ZooKeeper takes in one transaction"),
                    refused.getMessage());
            assertEquals(List.of("kept"), texts(store.records("sessions/1")));
        }
    }

    @Test
    void aRecordTooLargeForZooKeeperIsRefusedAsAValueIs() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            IOException refused = assertThrows(IOException.class,
                    () -> store.append("sessions/1", new byte[ZooKeeperStateStore.MAX_VALUE_BYTES]));

            assertTrue(refused.getMessage().contains("larger than ZooKeeper takes"), refused.getMessage());
            store.append("sessions/1", bytes("small"));
            assertEquals(List.of("small"), texts(store.records("sessions/1")));
        }
    }

    @Test
    void deletingAKeyRemovesItsLog() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            store.put("sessions/8", bytes("session"));
            store.append("sessions/8", bytes("statement"));

            store.delete("sessions/8");

            assertEquals(List.of(), store.records("sessions/8"));
            assertEquals(List.of(), store.children("sessions"));
        }
    }

    @Test
    void recordNodesCarryTheStoresAclBothAppendedAndReplaced() throws Exception {
        ZooKeeperSettings settings = settings();
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings)) {
            store.append("sessions/2", bytes("{\"code\": \"secret\"}"));
            store.replaceRecords("sessions/3", List.of(bytes("{\"code\": \"secret\"}")));

            try (CuratorFramework anonymous = client(null); CuratorFramework same = client(CREDENTIALS)) {
                for (String session : List.of("sessions/2", "sessions/3")) {
                    String parent = "/" + settings.prefix() + "/" + session;
                    List<String> nodes = same.getChildren().forPath(parent);
                    assertEquals(1, nodes.size(), nodes.toString());
                    String node = parent + "/" + nodes.get(0);
                    assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getData().forPath(node));
                    List<ACL> acl = same.getACL().forPath(node);
                    assertEquals(1, acl.size(), acl.toString());
                    assertEquals("digest", acl.get(0).getId().getScheme());
                }
            }
        }
    }

    private static ZooKeeperSettings settings() {
        return new ZooKeeperSettings(zooKeeper.getConnectString(), "livylog" + PREFIXES.incrementAndGet(),
                new ZooKeeperRetryPolicy(1, Duration.ofMillis(100)), Duration.ofSeconds(15), CREDENTIALS);
    }

    private static CuratorFramework client(String credentials) throws InterruptedException {
        return ZooKeeperClients.connected(zooKeeper.getConnectString(), credentials);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static List<String> texts(List<byte[]> records) {
        return records.stream().map(ZooKeeperStateStoreLogTest::text).toList();
    }
}
