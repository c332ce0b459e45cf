package dev.livy.server.session;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Completion requests sent to a driver and not answered yet. A request the driver does not answer in time gets no
 * candidates: a notebook prefers no suggestion to an error. Thread-safe.
 */
final class PendingCompletions {
    private final Duration timeout;
    private final AtomicLong nextRequestId = new AtomicLong();
    private final ConcurrentHashMap<Long, CompletableFuture<List<String>>> pending = new ConcurrentHashMap<>();

    PendingCompletions(Duration timeout) {
        this.timeout = timeout;
    }

    /** Registers a request, then hands its id to {@code send}. */
    CompletableFuture<List<String>> request(LongConsumer send) {
        long requestId = nextRequestId.getAndIncrement();
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        pending.put(requestId, answer);
        answer.completeOnTimeout(List.of(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((candidates, failure) -> pending.remove(requestId));
        send.accept(requestId);
        return answer;
    }

    void answer(long requestId, List<String> candidates) {
        CompletableFuture<List<String>> answer = pending.get(requestId);
        if (answer != null) {
            answer.complete(List.copyOf(candidates));
        }
    }

    /** The driver is gone: nobody will answer. */
    void abandonAll() {
        pending.values().forEach(answer -> answer.complete(List.of()));
    }
}
