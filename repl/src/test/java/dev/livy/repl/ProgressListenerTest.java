package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.protocol.DriverMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProgressListenerTest {
    private final List<DriverMessage.FromDriver> sent = new ArrayList<>();
    private final List<Runnable> timers = new ArrayList<>();
    private final List<Long> delays = new ArrayList<>();
    private long now = 1_000;
    private final ProgressListener listener = new ProgressListener(sent::add, (task, delay) -> {
        timers.add(task);
        delays.add(delay);
    }, () -> now, 100);

    @Test
    void theFirstChangeIsSentAtOnce() {
        listener.jobStarted(5, 1, List.of(new ProgressTracker.Stage(1, 4)));

        listener.taskSucceeded(1);

        assertEquals(List.of(new DriverMessage.StatementProgress(5, 0.25)), sent);
    }

    @Test
    void changesWithinTheIntervalAreCoalescedIntoOneTimedMessage() {
        listener.jobStarted(5, 1, List.of(new ProgressTracker.Stage(1, 4)));
        listener.taskSucceeded(1);
        now += 30;
        listener.taskSucceeded(1);
        now += 10;
        listener.taskSucceeded(1);

        assertEquals(1, sent.size());
        assertEquals(List.of(70L), delays);

        now += 70;
        timers.get(0).run();

        assertEquals(List.of(new DriverMessage.StatementProgress(5, 0.25),
                new DriverMessage.StatementProgress(5, 0.75)), sent);
    }

    @Test
    void aChangeAfterTheIntervalIsSentAtOnce() {
        listener.jobStarted(5, 1, List.of(new ProgressTracker.Stage(1, 4)));
        listener.taskSucceeded(1);
        now += 150;

        listener.taskSucceeded(1);

        assertEquals(2, sent.size());
        assertEquals(List.of(), timers);
    }

    @Test
    void eachStatementHasItsOwnInterval() {
        listener.jobStarted(5, 1, List.of(new ProgressTracker.Stage(1, 2)));
        listener.jobStarted(6, 2, List.of(new ProgressTracker.Stage(2, 2)));

        listener.taskSucceeded(1);
        listener.taskSucceeded(2);

        assertEquals(List.of(new DriverMessage.StatementProgress(5, 0.5), new DriverMessage.StatementProgress(6, 0.5)),
                sent);
    }

    @Test
    void aFinishedStatementSendsNothingMore() {
        listener.jobStarted(5, 1, List.of(new ProgressTracker.Stage(1, 4)));
        listener.taskSucceeded(1);
        listener.taskSucceeded(1);

        listener.statementFinished(5);
        timers.forEach(Runnable::run);
        listener.jobEnded(1);

        assertEquals(1, sent.size());
    }

    @Test
    void onlyNumericJobGroupsAreStatements() {
        assertEquals(OptionalInt.of(12), ProgressListener.statementOf(group("12")));
        assertEquals(OptionalInt.empty(), ProgressListener.statementOf(group("etl-nightly")));
        assertEquals(OptionalInt.empty(), ProgressListener.statementOf(group("-1")));
        assertEquals(OptionalInt.empty(), ProgressListener.statementOf(new Properties()));
        assertEquals(OptionalInt.empty(), ProgressListener.statementOf(null));
    }

    private static Properties group(String id) {
        Properties properties = new Properties();
        properties.setProperty("spark.jobGroup.id", id);
        return properties;
    }
}
