package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.testing.Eventually;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
/**
 * What a session manager with recovery on keeps in the state store (sessions with their secret, statements, the
 * next id), when it writes and removes it, what it answers when the store fails, and what its close leaves.
 */
class SessionJournalTest {
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
    void aCreatedSessionIsStoredWithItsSecretAndTheNextId() throws IOException {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = manager.create("alice", "bob", SessionKind.PYSPARK,
                SparkResources.named("notebook"), new SessionLimits(Optional.empty(), Optional.of(Duration.ofHours(2)),
                        Optional.empty()));

        JsonNode stored = fixture.json("sessions/0");
        assertEquals("alice", stored.get("owner").asText());
        assertEquals("bob", stored.get("proxyUser").asText());
        assertEquals("pyspark", stored.get("kind").asText());
        assertEquals("notebook", stored.get("name").asText());
        assertEquals(7_200_000, stored.get("ttlMillis").asLong());
        assertEquals(session.secret(), stored.get("secret").asText());
        assertEquals("1", fixture.text("ids/session"));
    }

    @Test
    void aCreateThatCannotBeStoredAnswers503AndStartsNothing() {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        fixture.store().failWrites(true);

        LivyException refused = assertThrows(LivyException.class, () -> fixture.create(manager));

        assertEquals(ErrorCode.STATE_STORE_UNAVAILABLE, refused.code());
        assertEquals(503, refused.code().status());
        assertTrue(refused.getMessage().contains("cannot be recorded"), refused.getMessage());
        assertEquals(0, manager.count());
        assertTrue(fixture.launcher().launched().isEmpty(), "no spark-submit");
    }

    @Test
    void aStatementIsStoredWhenQueuedAndAgainWhenItCompletes() throws IOException {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(manager);
        FakeConnectedDriver driver = fixture.readyDriver(session);

        int id = session.submit("1 + 1", CodeKind.PYSPARK).id();

        JsonNode queued = fixture.statement(0, id).orElseThrow();
        assertEquals("waiting", queued.get("state").asText());
        assertEquals("1 + 1", queued.get("code").asText());
        driver.deliver(new DriverMessage.StatementStarted(id));
        driver.deliver(new DriverMessage.StatementCompleted(id, fixture.ok(id, "2")));
        Eventually.holds(() -> fixture.statementState(0, id).equals("available"));
        assertEquals("2", fixture.statement(0, id).orElseThrow().get("output").get("data").get("text/plain")
                .asText());
        assertEquals(2, fixture.store().records("sessions/0").size(), "one record queued, one finished");
        assertEquals("local-1", fixture.json("sessions/0").get("appId").asText());
    }

    @Test
    void aStatementTheHistoryDropsIsDroppedFromTheStore() {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30), 2);
        InteractiveSession session = fixture.create(manager);
        FakeConnectedDriver driver = fixture.readyDriver(session);

        for (int i = 0; i < 3; i++) {
            int id = session.submit("select " + i, CodeKind.SQL).id();
            driver.deliver(new DriverMessage.StatementStarted(id));
            driver.deliver(new DriverMessage.StatementCompleted(id, fixture.ok(id, "row")));
        }

        Eventually.holds(() -> fixture.statement(0, 0).isEmpty() && fixture.statementState(0, 2).equals("available"));
        assertEquals("available", fixture.statementState(0, 1));
        assertEquals(List.of(1, 2), session.statements().stream().map(StatementView::id).toList());
    }

    @Test
    void aStatementThatCannotBeStoredIsRefusedWith503() {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(manager);
        FakeConnectedDriver driver = fixture.readyDriver(session);
        fixture.store().failWrites(true);

        LivyException refused = assertThrows(LivyException.class, () -> session.submit("1", CodeKind.PYSPARK));

        assertEquals(503, refused.code().status());
        assertEquals(List.of(), session.statements());
        assertEquals(List.of(), driver.sent());
    }

    @Test
    void anEndedSessionIsRemovedFromTheStore() {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(manager);
        int statement = session.submit("1", CodeKind.SQL).id();
        fixture.readyDriver(session).deliver(new DriverMessage.StatementStarted(statement));
        Eventually.holds(() -> !fixture.launcher().processes().isEmpty());

        manager.delete(session);
        fixture.launcher().processes().get(0).exit(0);

        Eventually.holds(() -> session.state() == SessionState.KILLED);
        Eventually.holds(() -> fixture.store().keys().equals(List.of("ids/session")));
    }

    @Test
    void closingWithRecoveryLeavesTheDriversRunningAndTheStoreIntact() {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(manager);
        FakeConnectedDriver driver = fixture.readyDriver(session);
        Eventually.holds(() -> !fixture.launcher().processes().isEmpty());
        List<String> keys = fixture.store().keys();

        manager.close();
        driver.disconnect("the server's JVM exits");

        assertEquals(List.of(), driver.sent(), "no shutdown sent");
        assertEquals(0, fixture.launcher().processes().get(0).terminations());
        assertTrue(fixture.launcher().processes().get(0).isAlive());
        assertEquals(keys, fixture.store().keys());
    }

    @Test
    void closingWithRecoveryFinishesStoppingADeletedSessionSoThatItDoesNotComeBack() {
        SessionManager manager = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession deleted = fixture.create(manager);
        fixture.readyDriver(deleted);
        Eventually.holds(() -> !fixture.launcher().processes().isEmpty());
        manager.delete(deleted);

        manager.close();

        assertEquals(SessionState.KILLED, deleted.state());
        assertEquals(List.of("ids/session"), fixture.store().keys());
    }
}
