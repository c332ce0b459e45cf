package dev.livy.server.recovery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.config.ZooKeeperRetryPolicy;
import dev.livy.server.launch.ProcessIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ZooKeeper store against a real ZooKeeper in this JVM, one for the class; each test has its own prefix. */
class ZooKeeperStateStoreTest {
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
    void aValueWrittenIsReadBackByANewStoreOnTheSamePrefix() throws Exception {
        ZooKeeperSettings settings = settings();
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings)) {
            store.put("sessions/3", bytes("three"));
            store.put("sessions/3", bytes("three again"));
        }

        try (ZooKeeperStateStore reopened = ZooKeeperStateStore.open(settings)) {
            assertEquals("three again", text(reopened.get("sessions/3").orElseThrow()));
            assertTrue(reopened.get("sessions/4").isEmpty());
        }
    }

    @Test
    void aKeyCanHoldAValueAndKeysUnderItAndDeletingItRemovesBoth() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            store.put("sessions/1", bytes("one"));
            store.put("sessions/1/statements/0", bytes("s0"));
            store.put("sessions/10", bytes("ten"));
            store.put("sessions/2/statements/0", bytes("only under it"));

            assertEquals(List.of("1", "10", "2"), store.children("sessions"));
            assertEquals(List.of("0"), store.children("sessions/1/statements"));
            assertTrue(store.get("sessions").isEmpty(), "a parent made for keys under it holds no value");
            assertTrue(store.get("sessions/2").isEmpty());

            store.delete("sessions/1");

            assertEquals(List.of("10", "2"), store.children("sessions"));
            assertTrue(store.get("sessions/1/statements/0").isEmpty());
            assertEquals(List.of(), store.children("sessions/1"));
            store.delete("sessions/never");
        }
    }

    @Test
    void anEmptyValueIsAValue() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            store.put("batches/1", new byte[0]);

            assertArrayEquals(new byte[0], store.get("batches/1").orElseThrow());
        }
    }

    @Test
    void aValueTooLargeForZooKeeperIsRefusedAndTheStoreStillWorks() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            IOException refused = assertThrows(IOException.class,
                    () -> store.put("sessions/1", new byte[ZooKeeperStateStore.MAX_VALUE_BYTES]));
            assertTrue(refused.getMessage().contains("larger than ZooKeeper takes"), refused.getMessage());

            store.put("sessions/1", bytes("small"));
            assertEquals("small", text(store.get("sessions/1").orElseThrow()));
        }
    }

    @Test
    void anotherClientWithoutTheServersCredentialsCannotReadASessionNode() throws Exception {
        ZooKeeperSettings settings = settings();
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings)) {
            store.put("sessions/1", bytes("{\"secret\": \"do not tell\"}"));
            String node = "/" + settings.prefix() + "/sessions/1";

            try (CuratorFramework anonymous = client(null); CuratorFramework stranger = client("mallory:guess")) {
                assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getData().forPath(node));
                assertThrows(KeeperException.NoAuthException.class, () -> stranger.getData().forPath(node));
                assertThrows(KeeperException.NoAuthException.class,
                        () -> anonymous.getChildren().forPath("/" + settings.prefix()));
            }
            try (CuratorFramework sameCredentials = client(CREDENTIALS)) {
                assertTrue(text(sameCredentials.getData().forPath(node)).contains("do not tell"));
                List<ACL> acl = sameCredentials.getACL().forPath(node);
                assertEquals(1, acl.size(), acl.toString());
                assertEquals("digest", acl.get(0).getId().getScheme());
                assertTrue(acl.get(0).getId().getId().startsWith("livy:"), acl.toString());
            }
        }
    }

    @Test
    void aSecondStoreOnTheSamePrefixIsRefusedUntilTheFirstCloses() throws Exception {
        ZooKeeperSettings settings = settings();
        ZooKeeperStateStore first = ZooKeeperStateStore.open(settings);
        try {
            StoreLockedException refused = assertThrows(StoreLockedException.class,
                    () -> ZooKeeperStateStore.open(settings));
            assertTrue(refused.getMessage().contains("Another Livy server (pid " + ProcessHandle.current().pid()
                    + " on host "), refused.getMessage());
        } finally {
            first.close();
        }
        ZooKeeperStateStore.open(settings).close();
    }

    @Test
    void aLockLeftByAServerProcessOfThisHostThatIsGoneIsTakenOver() throws Exception {
        ZooKeeperSettings settings = settings();
        Process crashed = new ProcessBuilder("sleep", "60").start();
        ProcessIdentity identity = ProcessIdentity.of(crashed.toHandle()).orElseThrow();
        crashed.destroyForcibly();
        assertTrue(crashed.waitFor(30, TimeUnit.SECONDS));
        LockHolder gone = new LockHolder(InetAddress.getLocalHost().getHostName(), identity.pid(),
                identity.startedAtMillis(), "an-earlier-server");
        // Its ZooKeeper session outlives the process until it times out, as after a SIGKILL.
        try (CuratorFramework crashedSession = client(CREDENTIALS)) {
            crashedSession.create().creatingParentsIfNeeded().withMode(CreateMode.EPHEMERAL)
                    .withACL(ZooDefs.Ids.CREATOR_ALL_ACL)
                    .forPath("/" + settings.prefix() + ZooKeeperLock.PATH, gone.toJson());

            try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings)) {
                store.put("ids/session", bytes("1"));
                assertEquals("1", text(store.get("ids/session").orElseThrow()));
            }
        }
    }

    @Test
    void aServerWhoseZooKeeperSessionEndedTakesTheLockAgainAndWritesOn() throws Exception {
        ZooKeeperSettings settings = settings();
        String lock = "/" + settings.prefix() + ZooKeeperLock.PATH;
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings);
                CuratorFramework observer = client(CREDENTIALS)) {
            long endedSession = observer.checkExists().forPath(lock).getEphemeralOwner();

            KillSession.kill(store.client().getZookeeperClient().getZooKeeper());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            Stat held = observer.checkExists().forPath(lock);
            while ((held == null || held.getEphemeralOwner() == endedSession) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                held = observer.checkExists().forPath(lock);
            }
            assertTrue(held != null && held.getEphemeralOwner() != endedSession, "the lock is held again");
            assertEquals(ProcessHandle.current().pid(),
                    LockHolder.parse(observer.getData().forPath(lock)).orElseThrow().pid());
            store.put("ids/session", bytes("2"));
            assertEquals("2", text(store.get("ids/session").orElseThrow()));
        }
    }

    @Test
    void keysThatAreNotPathsOfPlainSegmentsAreRefused() throws Exception {
        try (ZooKeeperStateStore store = ZooKeeperStateStore.open(settings())) {
            for (String key : new String[] {"../escape", "a/..", ".hidden", "a//b", "/abs", "a/", "", "a b"}) {
                assertThrows(IllegalArgumentException.class, () -> store.put(key, bytes("x")), key);
            }
        }
    }

    static ZooKeeperSettings settings() {
        return new ZooKeeperSettings(zooKeeper.getConnectString(), "livy" + PREFIXES.incrementAndGet(),
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
}
