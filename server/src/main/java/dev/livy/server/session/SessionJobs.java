package dev.livy.server.session;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's jobs by id (from 0, never reused). Livy keeps every job of a session for the session's life, and so
 * does this: a job's status is small (its result is what the job returned, serialized). Thread-safe.
 */
final class SessionJobs {
    private final ConcurrentMap<Long, SessionJob> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();

    SessionJob add() {
        SessionJob job = new SessionJob(nextId.getAndIncrement());
        byId.put(job.id(), job);
        return job;
    }

    Optional<SessionJob> get(long jobId) {
        return Optional.ofNullable(byId.get(jobId));
    }

    /** The session ended: jobs still active fail with the reason. */
    void failActive(String reason) {
        byId.values().forEach(job -> job.fail(reason));
    }
}
