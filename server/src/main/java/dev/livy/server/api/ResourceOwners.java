package dev.livy.server.api;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Objects;
import java.util.Optional;

/** The owner of the session or batch a request's path names, for the access check. Thread-safe. */
public final class ResourceOwners {
    private final PathLookup lookup;

    public ResourceOwners(PathLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** Empty when the named session or batch does not exist; the resource then answers 404 itself. */
    Optional<Owned> find(MultivaluedMap<String, String> pathParameters) {
        String sessionId = pathParameters.getFirst(SessionHeartbeat.SESSION_PARAMETER);
        if (sessionId != null) {
            return lookup.findSession(sessionId).map(session -> new Owned(session.owner(),
                    "session " + session.id(), PathLookup.isName(sessionId)
                            ? Optional.of(sessionId) : Optional.empty()));
        }
        String batchId = pathParameters.getFirst("batchId");
        if (batchId != null) {
            return lookup.findBatch(batchId)
                    .map(batch -> new Owned(batch.owner(), "batch " + batch.id(), Optional.empty()));
        }
        // A method that claims view or modify rights over nothing: refuse rather than guess.
        throw new LivyException(ErrorCode.ACCESS_DENIED, "This resource names no session or batch to check access to.");
    }

    /**
     * @param owner the authenticated user who created it; null when created without authentication
     * @param name the name the path used, when it named the session by name rather than id
     */
    record Owned(String owner, String description, Optional<String> name) {
    }
}
