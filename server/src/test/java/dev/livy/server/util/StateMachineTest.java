package dev.livy.server.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StateMachineTest {
    @Test
    void movesOnlyAlongTheTableAndSaysWhichMoveEndedIt() {
        StateMachine<SessionState> batch = new StateMachine<>(SessionState.STARTING, SessionState::batchSuccessors);

        assertEquals(StateMachine.Move.REFUSED, batch.moveTo(SessionState.IDLE));
        assertEquals(StateMachine.Move.MOVED, batch.moveTo(SessionState.RUNNING));
        assertEquals(StateMachine.Move.REFUSED, batch.compareAndMove(SessionState.STARTING, SessionState.RUNNING));
        assertFalse(batch.isFinal());
        assertEquals(StateMachine.Move.ENDED, batch.moveTo(SessionState.SUCCESS));
        assertEquals(StateMachine.Move.REFUSED, batch.moveTo(SessionState.KILLED), "a final state is never left");
        assertEquals(SessionState.SUCCESS, batch.get());
        assertTrue(batch.isFinal());
    }

    @Test
    void ofManyConcurrentMovesExactlyOneWinsAndEndsIt() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                StateMachine<StatementState> statement =
                        new StateMachine<>(StatementState.WAITING, StatementState::successors);
                AtomicInteger finished = new AtomicInteger();
                statement.addListener((from, to) -> finished.incrementAndGet());
                CountDownLatch go = new CountDownLatch(1);
                List<Future<StateMachine.Move>> moves = new CopyOnWriteArrayList<>();
                for (int i = 0; i < 8; i++) {
                    StatementState target = i % 2 == 0 ? StatementState.CANCELLED : StatementState.ERROR;
                    moves.add(threads.submit(() -> {
                        go.await();
                        return statement.moveTo(target);
                    }));
                }
                go.countDown();
                int ended = 0;
                for (Future<StateMachine.Move> move : moves) {
                    ended += move.get(5, TimeUnit.SECONDS).ended() ? 1 : 0;
                }
                assertEquals(1, ended, "round " + round);
                assertEquals(1, finished.get(), "the listener heard the one move");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void listenersRunOutsideTheLockSoAnotherThreadMayMoveMeanwhile() throws Exception {
        StateMachine<StatementState> statement = new StateMachine<>(StatementState.WAITING, StatementState::successors);
        List<StateMachine.Move> seenByOtherThread = new CopyOnWriteArrayList<>();
        statement.addListener((from, to) -> {
            if (to != StatementState.RUNNING) {
                return;
            }
            Thread other = new Thread(() -> seenByOtherThread.add(statement.moveTo(StatementState.AVAILABLE)));
            other.start();
            try {
                other.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertEquals(StateMachine.Move.MOVED, statement.moveTo(StatementState.RUNNING));

        assertEquals(List.of(StateMachine.Move.ENDED), seenByOtherThread);
        assertEquals(StatementState.AVAILABLE, statement.get());
    }
}
