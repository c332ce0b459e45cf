package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.JobState;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A session's jobs: ids, the outcome the driver reports, cancels, and the bound on finished jobs kept. */
class SessionJobsTest {
    private final SessionJobs jobs = new SessionJobs(2);

    @Test
    void finishedJobsBeyondTheLimitAreDroppedOldestFirstAndActiveOnesNever() {
        List<SessionJob> added = LongStream.range(0, 4).mapToObj(id -> jobs.add()).toList();

        added.get(2).finished(JobState.SUCCEEDED, "AgQ=", null);
        added.get(0).finished(JobState.FAILED, null, "boom");
        added.get(1).cancel();

        assertFalse(jobs.get(2).isPresent(), "the first to finish is dropped");
        assertEquals(JobState.FAILED, jobs.get(0).orElseThrow().state());
        assertEquals(JobState.CANCELLED, jobs.get(1).orElseThrow().state());
        assertEquals(JobState.SENT, jobs.get(3).orElseThrow().state());
        assertTrue(jobs.anyActive(), "job 3 still waits: the session is busy");
        added.get(3).started();
        added.get(3).finished(JobState.SUCCEEDED, null, null);
        assertFalse(jobs.anyActive());
        assertEquals(4, jobs.add().id(), "ids keep counting");
    }

    @Test
    void aJobEndsOnceWhateverComesAfter() {
        SessionJob job = jobs.add();
        job.started();

        assertTrue(job.cancel());
        job.finished(JobState.SUCCEEDED, "AgQ=", null);
        jobs.failActive("Session 0 ended (dead) before the job finished.");

        assertEquals(JobState.CANCELLED, job.view().state());
        assertEquals(null, job.view().result());
        assertFalse(job.cancel(), "a second cancel tells the driver nothing");
    }
}
