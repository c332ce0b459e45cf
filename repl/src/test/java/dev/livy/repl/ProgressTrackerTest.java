package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ProgressTrackerTest {
    private final ProgressTracker tracker = new ProgressTracker();

    @Test
    void progressIsCompletedOverTotalTasks() {
        tracker.jobStarted(3, 10, List.of(new ProgressTracker.Stage(20, 4), new ProgressTracker.Stage(21, 4)));

        assertEquals(OptionalDouble.of(0.0), tracker.progress(3));
        assertEquals(OptionalInt.of(3), tracker.taskSucceeded(20));
        tracker.taskSucceeded(20);
        assertEquals(OptionalDouble.of(0.25), tracker.progress(3));
    }

    @Test
    void aLaterJobOfTheStatementAddsItsTasks() {
        tracker.jobStarted(3, 10, List.of(new ProgressTracker.Stage(20, 2)));
        tracker.taskSucceeded(20);
        tracker.taskSucceeded(20);
        tracker.jobEnded(10);
        assertEquals(OptionalDouble.of(1.0), tracker.progress(3));

        tracker.jobStarted(3, 11, List.of(new ProgressTracker.Stage(22, 2)));

        assertEquals(OptionalDouble.of(0.5), tracker.progress(3));
    }

    @Test
    void anEndedJobCountsItsSkippedStagesAsDone() {
        tracker.jobStarted(3, 10, List.of(new ProgressTracker.Stage(20, 4), new ProgressTracker.Stage(21, 2)));
        tracker.taskSucceeded(21);
        tracker.taskSucceeded(21);
        assertEquals(OptionalDouble.of(2.0 / 6), tracker.progress(3));

        assertEquals(OptionalInt.of(3), tracker.jobEnded(10));

        assertEquals(OptionalDouble.of(1.0), tracker.progress(3));
    }

    @Test
    void extraTaskEndsOfAStageNeverPushPastTheJob() {
        tracker.jobStarted(3, 10, List.of(new ProgressTracker.Stage(20, 1)));
        tracker.taskSucceeded(20);

        assertEquals(OptionalInt.empty(), tracker.taskSucceeded(20));
        assertEquals(OptionalDouble.of(1.0), tracker.progress(3));
    }

    @Test
    void stagesAndJobsOfNoStatementAreIgnored() {
        assertEquals(OptionalInt.empty(), tracker.taskSucceeded(99));
        assertEquals(OptionalInt.empty(), tracker.jobEnded(99));
        assertEquals(OptionalDouble.empty(), tracker.progress(3));
    }

    @Test
    void aForgottenStatementIsNoLongerTracked() {
        tracker.jobStarted(3, 10, List.of(new ProgressTracker.Stage(20, 2)));
        tracker.forget(3);

        assertEquals(OptionalInt.empty(), tracker.taskSucceeded(20));
        assertEquals(OptionalInt.empty(), tracker.jobEnded(10));
        assertEquals(OptionalDouble.empty(), tracker.progress(3));
    }
}
