package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.testing.Eventually;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A session's statements in its log: what a later server folds out of it, how the log stays bounded on a long
 * session, and the statements an earlier version stored one key each.
 */
class SessionStatementLogTest {
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
    void aLongSessionsLogIsCompactedToItsHistoryAndALaterServerRecoversThatHistory() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30), 2);
        InteractiveSession session = fixture.create(first);
        FakeConnectedDriver driver = fixture.readyDriver(session);
        String code = "x".repeat(16 * 1024);
        int statements = 60;

        for (int i = 0; i < statements; i++) {
            int id = session.submit(code + " # " + i, CodeKind.PYSPARK).id();
            driver.deliver(new DriverMessage.StatementStarted(id));
            driver.deliver(new DriverMessage.StatementCompleted(id, fixture.ok(id, "answer " + id)));
        }
        int last = statements - 1;
        Eventually.holds(() -> fixture.statementState(0, last).equals("available"));

        first.close(false);

        // Without compaction the log would hold every statement twice, 60 x 2 x 16 KiB; the writer has drained.
        long logBytes = fixture.store().records("sessions/0").stream().mapToLong(record -> record.length).sum();
        assertTrue(logBytes <= StatementLog.COMPACTION_FLOOR_BYTES + 2 * (code.length() + 1024), logBytes + " bytes");
        SessionManager second = fixture.manager(Duration.ofMinutes(30), 2);
        second.recover();
        InteractiveSession recovered = second.get(0).orElseThrow();
        assertEquals(List.of(last - 1, last), recovered.statements().stream().map(StatementView::id).toList());
        assertEquals(session.statements(), recovered.statements());
    }

    @Test
    void theLastRecordOfAStatementWinsAndADropRemovesIt() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(first);
        FakeConnectedDriver driver = fixture.readyDriver(session);
        int done = session.submit("1", CodeKind.SQL).id();
        int queued = session.submit("2", CodeKind.SQL).id();
        driver.deliver(new DriverMessage.StatementStarted(done));
        driver.deliver(new DriverMessage.StatementCompleted(done, fixture.ok(done, "one")));
        Eventually.holds(() -> fixture.statementState(0, done).equals("available"));
        fixture.store().append("sessions/0", json("{\"dropped\": " + queued + "}"));
        first.close(false);

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();

        InteractiveSession recovered = second.get(0).orElseThrow();
        assertEquals(List.of(done), recovered.statements().stream().map(StatementView::id).toList());
        assertEquals(StatementState.AVAILABLE, recovered.statement(done).orElseThrow().state());
    }

    @Test
    void aRecoveredOutputIsTheTextTheDriverWrote() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(first);
        FakeConnectedDriver driver = fixture.readyDriver(session);
        int id = session.submit("ratio", CodeKind.PYSPARK).id();
        // Spacing and a number's trailing zero that a parse and a rewrite would not keep.
        String data = "{ \"application/json\": {\"ratio\": 1.50} }";
        String frame = "{\"type\": \"statement_completed\", \"statementId\": " + id + ", \"output\": "
                + "{\"status\": \"ok\", \"execution_count\": " + id + ", \"data\": " + data + "}}";
        driver.deliver((DriverMessage.FromDriver) FrameCodec.decode(json(frame)));
        Eventually.holds(() -> fixture.statementState(0, id).equals("available"));
        first.close(false);

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();

        assertEquals("{\"status\":\"ok\",\"execution_count\":" + id + ",\"data\":" + data + "}",
                second.get(0).orElseThrow().statement(id).orElseThrow().output().toString());
    }

    @Test
    void statementsStoredOneKeyEachByTheEarlierVersionRecoverAndMoveIntoTheLog() throws IOException {
        SessionManager first = fixture.manager(Duration.ofMinutes(30));
        InteractiveSession session = fixture.create(first);
        FakeConnectedDriver driver = fixture.readyDriver(session);
        int done = session.submit("1", CodeKind.SQL).id();
        int laterInTheLog = session.submit("2", CodeKind.SQL).id();
        driver.deliver(new DriverMessage.StatementStarted(done));
        driver.deliver(new DriverMessage.StatementCompleted(done, fixture.ok(done, "one")));
        Eventually.holds(() -> fixture.statementState(0, done).equals("available"));
        first.close(false);
        // The earlier version's layout: each statement under its own key; here the log holds a later form of one.
        JsonNode waiting = fixture.statement(0, laterInTheLog).orElseThrow();
        fixture.store().put("sessions/0/statements/" + done, bytes(fixture.statement(0, done).orElseThrow()));
        fixture.store().put("sessions/0/statements/" + laterInTheLog, bytes(waiting));
        ((ObjectNode) waiting).put("state", "cancelled");
        fixture.store().replaceRecords("sessions/0", List.of(json("{\"statement\": " + waiting + "}")));

        SessionManager second = fixture.manager(Duration.ofMinutes(30));
        second.recover();

        InteractiveSession recovered = second.get(0).orElseThrow();
        assertEquals(List.of(done, laterInTheLog), recovered.statements().stream().map(StatementView::id).toList());
        assertEquals("one", recovered.statement(done).orElseThrow().output().tree().get("data").get("text/plain")
                .asText());
        assertEquals(StatementState.CANCELLED, recovered.statement(laterInTheLog).orElseThrow().state(),
                "the log wins over the older key");
        Eventually.holds(() -> fixture.store().keys().equals(List.of("ids/session", "sessions/0")));
        assertEquals("available", fixture.statementState(0, done), "moved into the log");
        assertEquals("cancelled", fixture.statementState(0, laterInTheLog));
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return FrameCodec.mapper().writeValueAsBytes(node);
    }
}
