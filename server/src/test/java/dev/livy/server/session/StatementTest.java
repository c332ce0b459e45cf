package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import dev.livy.common.protocol.RawJson;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StatementTest {
    private final AtomicInteger finished = new AtomicInteger();
    private final Statement statement = new Statement(3, "1 + 1", CodeKind.PYSPARK, done -> finished.incrementAndGet());

    @Test
    void startsWaitingWithNothingSet() {
        StatementView view = statement.view();

        assertEquals(StatementState.WAITING, view.state());
        assertNull(view.output());
        assertEquals(0.0, view.progress());
        assertEquals(0, view.started());
        assertEquals(0, view.completed());
    }

    @Test
    void runsToAvailableWithOutputAndTimes() {
        assertTrue(statement.markRunning(100));
        assertTrue(statement.complete(RawJson.of(JsonNodeFactory.instance.objectNode().put("status", "ok")), 250));

        StatementView view = statement.view();
        assertEquals(StatementState.AVAILABLE, view.state());
        assertEquals("ok", view.output().tree().get("status").asText());
        assertEquals(1.0, view.progress());
        assertEquals(100, view.started());
        assertEquals(250, view.completed());
        assertEquals(1, finished.get());
    }

    @Test
    void waitingStatementIsCancelledAtOnce() {
        assertTrue(statement.cancelled(50));

        assertEquals(StatementState.CANCELLED, statement.state());
        assertEquals(1, finished.get());
    }

    @Test
    void runningStatementGoesThroughCancelling() {
        statement.markRunning(10);
        assertTrue(statement.moveTo(StatementState.CANCELLING));
        assertEquals(StatementState.CANCELLING, statement.state());
        assertEquals(0, finished.get());

        assertTrue(statement.cancelled(20));
        assertEquals(StatementState.CANCELLED, statement.state());
        assertEquals(1, finished.get());
    }

    @Test
    void resultArrivingAfterACancelRequestStillEndsCancelled() {
        statement.markRunning(10);
        statement.moveTo(StatementState.CANCELLING);

        statement.complete(RawJson.of(JsonNodeFactory.instance.objectNode()), 20);

        assertEquals(StatementState.CANCELLED, statement.state());
    }

    @Test
    void finalStateIsNeverLeft() {
        statement.cancelled(5);

        assertFalse(statement.markRunning(10));
        assertFalse(statement.complete(RawJson.of(JsonNodeFactory.instance.objectNode()), 20));
        assertFalse(statement.fail(30));
        assertEquals(StatementState.CANCELLED, statement.state());
        assertNull(statement.view().output(), "a late result is not shown on a cancelled statement");
        assertEquals(5, statement.view().completed());
        assertEquals(1, finished.get());
    }

    @Test
    void failsWhenTheSessionDies() {
        statement.markRunning(10);

        assertTrue(statement.fail(40));

        assertEquals(StatementState.ERROR, statement.state());
        assertEquals(40, statement.view().completed());
    }

    @Test
    void progressStaysBetweenZeroAndOne() {
        statement.markRunning(1);
        statement.progress(1.7);
        assertEquals(1.0, statement.view().progress());
        statement.progress(-3);
        assertEquals(0.0, statement.view().progress());
    }
}
