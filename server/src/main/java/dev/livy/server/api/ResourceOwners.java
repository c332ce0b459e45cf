package dev.livy.server.api;

import dev.livy.server.batch.BatchManager;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** The owner of the session or batch a request's path names, for the access check. Thread-safe. */
public final class ResourceOwners {
    private static final Pattern ID = Pattern.compile("\\d{1,9}");

    private final SessionLookup sessions;
    private final BatchManager batches;

    public ResourceOwners(SessionLookup sessions, BatchManager batches) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.batches = Objects.requireNonNull(batches, "batches");
    }

    /** Empty when the named session or batch does not exist; the resource then answers 404 itself. */
    Optional<Owned> find(MultivaluedMap<String, String> pathParameters) {
        String sessionId = pathParameters.getFirst("sessionId");
        if (sessionId != null) {
            return sessions.findOptional(sessionId)
                    .map(session -> new Owned(session.owner(), "session " + session.id()));
        }
        String batchId = pathParameters.getFirst("batchId");
        if (batchId != null) {
            return ID.matcher(batchId).matches()
                    ? batches.get(Integer.parseInt(batchId)).map(batch -> new Owned(batch.owner(), "batch " + batch.id()))
                    : Optional.empty();
        }
        // A method that claims view or modify rights over nothing: refuse rather than guess.
        throw new ApiException(ErrorCode.FORBIDDEN, "This resource names no session or batch to check access to.");
    }

    /** @param owner the authenticated user who created it; null when created without authentication */
    record Owned(String owner, String description) {
    }
}
