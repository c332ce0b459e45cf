package dev.livy.server.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A session's jobs by id (from 0, never reused). Finished jobs beyond {@code livy.rsc.retained-statements} are
 * dropped oldest first, as finished statements are (a job's status is then 404); active ones never are. Lookups
 * take no lock; dropping synchronises on this object. Thread-safe.
 */
final class SessionJobs {
    private final int maxFinished;
    private final ConcurrentMap<Long, SessionJob> byId = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();
    private final Deque<Long> finishedInOrder = new ArrayDeque<>();

    SessionJobs(int maxFinished) {
        this.maxFinished = maxFinished;
    }

    SessionJob add() {
        active.incrementAndGet();
        SessionJob job = new SessionJob(nextId.getAndIncrement(), this::finished);
        byId.put(job.id(), job);
        return job;
    }

    Optional<SessionJob> get(long jobId) {
        return Optional.ofNullable(byId.get(jobId));
    }

    /** Whether a job waits or runs: the session is {@code busy} meanwhile, so an idle timeout spares it. */
    boolean anyActive() {
        return active.get() > 0;
    }

    /** The session ended: jobs still active fail with the reason. */
    void failActive(String reason) {
        byId.values().forEach(job -> job.fail(reason));
    }

    private synchronized void finished(SessionJob job) {
        active.decrementAndGet();
        finishedInOrder.addLast(job.id());
        while (finishedInOrder.size() > maxFinished) {
            byId.remove(finishedInOrder.removeFirst());
        }
    }
}
