package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.testing.Eventually;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session that took a driver of the warm pool, on a later manager on the same store: it comes back, the next
 * pool's drivers never share its driver's directory, and its end removes that directory.
 */
class PooledSessionRecoveryTest {
    @TempDir
    Path workDirectory;

    private SessionStoreFixture fixture;

    @BeforeEach
    void createFixture() {
        fixture = new SessionStoreFixture(workDirectory);
    }

    @AfterEach
    void closeManagers() {
        fixture.close();
    }

    @Test
    void aPooledSessionComesBackAndTheNextPoolLaunchesInADirectoryOfItsOwn() throws IOException {
        SessionManager first = fixture.pooledManager(Duration.ofMinutes(30));
        InteractiveSession original = takePooledDriver(first);
        first.close(false);

        SessionManager second = fixture.pooledManager(Duration.ofMinutes(30));
        second.recover();

        InteractiveSession recovered = second.get(0).orElseThrow();
        assertEquals(SessionState.RECOVERING, recovered.state());
        assertEquals(original.secret(), recovered.secret());
        assertEquals(1, second.count(), "the new pool's driver is no session");
        Eventually.holds(() -> fixture.launcher().launched().size() == 2);
        assertEquals(List.of("pool-1", "pool-2"), launchedDirectories(),
                "a pooled driver of the next server in the directory of its own");
        assertTrue(second.pendingDriver(-2).isPresent());
        assertTrue(Files.isDirectory(workDirectory.resolve("pool-1")), "the recovered driver's files stay");
    }

    @Test
    void theEndOfARecoveredPooledSessionRemovesItsDriversDirectory() throws IOException {
        SessionManager first = fixture.pooledManager(Duration.ofMinutes(30));
        takePooledDriver(first);
        first.close(false);
        assertTrue(Files.isDirectory(workDirectory.resolve("pool-1")));

        SessionManager second = fixture.pooledManager(Duration.ofMillis(200));
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();

        Eventually.holds(() -> recovered.state() == SessionState.DEAD);
        Eventually.holds(() -> !Files.exists(workDirectory.resolve("pool-1")));
        assertFalse(Files.exists(workDirectory.resolve("pool-1")), "its launch config held the secret");
    }

    private InteractiveSession takePooledDriver(SessionManager manager) {
        Eventually.holds(() -> !fixture.launcher().processes().isEmpty());
        FakeConnectedDriver pooled = new FakeConnectedDriver();
        assertTrue(pooled.connectTo(manager.pendingDriver(-1).orElseThrow()));
        pooled.deliver(new DriverMessage.DriverReady("local-1", null));
        Eventually.holds(() -> manager.pooledReady(SessionKind.PYSPARK) == 1);
        InteractiveSession session = manager.create(null, null, SessionKind.PYSPARK, SparkResources.named(null),
                SessionLimits.none());
        pooled.deliver(new DriverMessage.DriverReady("local-1", null));
        assertEquals(SessionState.IDLE, session.state());
        assertEquals("true", session.view().appInfo().get("pooled"));
        return session;
    }

    private List<String> launchedDirectories() {
        return fixture.launcher().launched().stream().map(spec -> spec.workingDirectory().getFileName().toString())
                .toList();
    }
}
