package dev.livy.server.api;

import dev.livy.server.batch.Batch;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.session.SessionManager;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds the session or batch a path segment names, and says in one wording when there is none: an all-digit
 * segment is an id; any other names a session by its name (batches are found by id only). Thread-safe.
 */
public final class PathLookup {
    private static final Pattern ID = Pattern.compile("\\d{1,9}");

    private final SessionManager sessions;
    private final BatchManager batches;

    public PathLookup(SessionManager sessions, BatchManager batches) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.batches = Objects.requireNonNull(batches, "batches");
    }

    /** The session, or a 404 {@code Session '7' not found.} */
    public InteractiveSession session(String idOrName) {
        return findSession(idOrName).orElseThrow(() -> sessionNotFound(idOrName));
    }

    public Optional<InteractiveSession> findSession(String idOrName) {
        return isName(idOrName) ? sessions.getByName(idOrName) : sessions.get(Integer.parseInt(idOrName));
    }

    /** The batch, or a 404 {@code Batch '7' not found.} */
    public Batch batch(String batchId) {
        return findBatch(batchId).orElseThrow(() -> new LivyException(ErrorCode.BATCH_NOT_FOUND,
                "Batch '" + batchId + "' not found."));
    }

    public Optional<Batch> findBatch(String batchId) {
        return isName(batchId) ? Optional.empty() : batches.get(Integer.parseInt(batchId));
    }

    static LivyException sessionNotFound(String idOrName) {
        return new LivyException(ErrorCode.SESSION_NOT_FOUND, "Session '" + idOrName + "' not found.");
    }

    static boolean isName(String idOrName) {
        return !ID.matcher(idOrName).matches();
    }
}
