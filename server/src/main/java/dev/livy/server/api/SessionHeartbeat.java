package dev.livy.server.api;

import dev.livy.server.session.InteractiveSession;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import java.util.Objects;

/**
 * Every request to {@code /sessions/{id}...} that passed the access check is the session's heartbeat
 * ({@code heartbeatTimeoutInSecond}), whichever method it reaches, so no resource method has to remember it.
 * Thread-safe.
 */
@Priority(Priorities.USER)
public final class SessionHeartbeat implements ContainerRequestFilter {
    static final String SESSION_PARAMETER = "sessionId";

    private final PathLookup lookup;

    public SessionHeartbeat(PathLookup lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String sessionId = request.getUriInfo().getPathParameters().getFirst(SESSION_PARAMETER);
        if (sessionId == null) {
            return;
        }
        lookup.findSession(sessionId).ifPresent(InteractiveSession::touch);
    }
}
