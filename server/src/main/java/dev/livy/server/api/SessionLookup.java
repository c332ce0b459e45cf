package dev.livy.server.api;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.session.SessionManager;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Finds the session a path segment names: an all-digit segment is an id, anything else a name. Thread-safe. */
public final class SessionLookup {
    private static final Pattern ID = Pattern.compile("\\d{1,9}");

    private final SessionManager sessions;

    public SessionLookup(SessionManager sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
    }

    /** The session, or a 404 {@code Session '7' not found.} */
    public InteractiveSession find(String idOrName) {
        return findOptional(idOrName).orElseThrow(() -> notFound(idOrName));
    }

    static LivyException notFound(String idOrName) {
        return new LivyException(ErrorCode.SESSION_NOT_FOUND, "Session '" + idOrName + "' not found.");
    }

    static boolean isName(String idOrName) {
        return !ID.matcher(idOrName).matches();
    }

    public Optional<InteractiveSession> findOptional(String idOrName) {
        return isName(idOrName) ? sessions.getByName(idOrName) : sessions.get(Integer.parseInt(idOrName));
    }
}
