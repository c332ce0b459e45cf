package dev.livy.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The successor tables of sessions, batches and statements: every state's way on, and the ends. */
class LifecycleTablesTest {
    private static final Set<SessionState> ENDS = EnumSet.of(SessionState.ERROR, SessionState.DEAD,
            SessionState.KILLED);

    @Test
    void everySessionStateHasItsSuccessors() {
        assertEquals(EnumSet.of(SessionState.STARTING, SessionState.SHUTTING_DOWN, SessionState.ERROR,
                SessionState.DEAD, SessionState.KILLED), SessionState.NOT_STARTED.successors());
        assertEquals(EnumSet.of(SessionState.IDLE, SessionState.SHUTTING_DOWN, SessionState.ERROR,
                SessionState.DEAD, SessionState.KILLED), SessionState.STARTING.successors());
        assertEquals(SessionState.STARTING.successors(), SessionState.RECOVERING.successors());
        assertEquals(EnumSet.of(SessionState.BUSY, SessionState.SHUTTING_DOWN, SessionState.ERROR,
                SessionState.DEAD, SessionState.KILLED), SessionState.IDLE.successors());
        assertEquals(EnumSet.of(SessionState.IDLE, SessionState.SHUTTING_DOWN, SessionState.ERROR,
                SessionState.DEAD, SessionState.KILLED), SessionState.BUSY.successors());
        assertEquals(ENDS, SessionState.SHUTTING_DOWN.successors());
        assertEquals(Set.of(), SessionState.RUNNING.successors(), "a batch state");
    }

    @Test
    void everyBatchStateHasItsSuccessors() {
        assertEquals(EnumSet.of(SessionState.STARTING, SessionState.DEAD, SessionState.KILLED),
                SessionState.NOT_STARTED.batchSuccessors());
        assertEquals(EnumSet.of(SessionState.RUNNING, SessionState.SUCCESS, SessionState.DEAD, SessionState.KILLED),
                SessionState.STARTING.batchSuccessors());
        assertEquals(SessionState.STARTING.batchSuccessors(), SessionState.RECOVERING.batchSuccessors());
        assertEquals(EnumSet.of(SessionState.SUCCESS, SessionState.DEAD, SessionState.KILLED),
                SessionState.RUNNING.batchSuccessors());
    }

    @Test
    void finalStatesHaveNoSuccessorsAndEveryOtherStateHasSome() {
        for (SessionState state : SessionState.values()) {
            if (state.isFinal()) {
                assertEquals(Set.of(), state.successors(), state.wireName());
                assertEquals(Set.of(), state.batchSuccessors(), state.wireName());
            }
        }
        for (SessionState state : reachable(SessionState.STARTING, SessionState::successors)) {
            assertEquals(state.isFinal(), state.successors().isEmpty(), state.wireName());
        }
        for (SessionState state : reachable(SessionState.STARTING, SessionState::batchSuccessors)) {
            assertEquals(state.isFinal(), state.batchSuccessors().isEmpty(), state.wireName());
        }
        for (StatementState state : StatementState.values()) {
            assertEquals(state.isFinal(), state.successors().isEmpty(), state.wireName());
        }
    }

    @Test
    void aSessionNeverEntersABatchStateNorABatchASessionState() {
        Set<SessionState> sessionStates = reachable(SessionState.STARTING, SessionState::successors);
        Set<SessionState> batchStates = reachable(SessionState.STARTING, SessionState::batchSuccessors);

        assertEquals(EnumSet.of(SessionState.STARTING, SessionState.IDLE, SessionState.BUSY,
                SessionState.SHUTTING_DOWN, SessionState.ERROR, SessionState.DEAD, SessionState.KILLED), sessionStates);
        assertEquals(EnumSet.of(SessionState.STARTING, SessionState.RUNNING, SessionState.SUCCESS,
                SessionState.DEAD, SessionState.KILLED), batchStates);
    }

    @Test
    void theSessionTransitionsLivyMakesAreAllowed() {
        assertTrue(SessionState.STARTING.successors().contains(SessionState.IDLE), "the driver is ready");
        assertTrue(SessionState.IDLE.successors().contains(SessionState.BUSY), "a statement runs");
        assertTrue(SessionState.BUSY.successors().contains(SessionState.IDLE), "the statements are done");
        assertTrue(SessionState.STARTING.successors().contains(SessionState.DEAD), "the driver never came up");
        assertTrue(SessionState.BUSY.successors().contains(SessionState.DEAD), "the driver died");
        assertTrue(SessionState.IDLE.successors().contains(SessionState.SHUTTING_DOWN), "deleted");
        assertTrue(SessionState.SHUTTING_DOWN.successors().contains(SessionState.KILLED), "its driver stopped");
        assertFalse(SessionState.SHUTTING_DOWN.successors().contains(SessionState.IDLE), "a delete is not undone");
        assertFalse(SessionState.IDLE.successors().contains(SessionState.STARTING));
    }

    @Test
    void theStatementTransitionsLivyMakesAreAllowed() {
        assertEquals(EnumSet.of(StatementState.RUNNING, StatementState.CANCELLED, StatementState.CANCELLING,
                StatementState.ERROR), StatementState.WAITING.successors());
        assertEquals(EnumSet.of(StatementState.AVAILABLE, StatementState.CANCELLING, StatementState.ERROR),
                StatementState.RUNNING.successors());
        assertEquals(EnumSet.of(StatementState.CANCELLED, StatementState.ERROR),
                StatementState.CANCELLING.successors());
        assertFalse(StatementState.AVAILABLE.successors().contains(StatementState.RUNNING),
                "a result is never withdrawn");
    }

    private static Set<SessionState> reachable(SessionState start, Function<SessionState, Set<SessionState>> table) {
        Set<SessionState> seen = EnumSet.of(start);
        Deque<SessionState> next = new ArrayDeque<>(seen);
        while (!next.isEmpty()) {
            for (SessionState successor : table.apply(next.pop())) {
                if (seen.add(successor)) {
                    next.add(successor);
                }
            }
        }
        return seen;
    }

    @Test
    void aJobEndsOnceAndOnlyAtItsEnds() {
        for (JobState state : JobState.values()) {
            assertEquals(state.isFinal(), state.successors().isEmpty(), state.name());
        }
        assertEquals(EnumSet.of(JobState.CANCELLED, JobState.FAILED, JobState.SUCCEEDED),
                JobState.STARTED.successors());
    }
}
