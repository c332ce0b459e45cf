package dev.livy.server.api;

import dev.livy.common.api.CreateSessionRequest;
import dev.livy.common.api.LogView;
import dev.livy.common.api.MessageView;
import dev.livy.common.api.SessionList;
import dev.livy.common.api.SessionView;
import dev.livy.common.api.StateView;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.session.SessionManager;
import dev.livy.server.validation.NewSession;
import dev.livy.server.validation.SessionRequestValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Objects;

/** {@code /sessions}: create, list, read, delete interactive sessions. Every answer comes from memory. */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class SessionsResource {
    private static final int DEFAULT_PAGE_SIZE = 100;

    private final SessionManager sessions;
    private final SessionLookup lookup;
    private final SessionRequestValidator validator;
    private final JsonBodies bodies;

    public SessionsResource(SessionManager sessions, SessionLookup lookup, SessionRequestValidator validator,
            JsonBodies bodies) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    @GET
    public SessionList list(@QueryParam("from") String from, @QueryParam("size") String size) {
        int start = QueryParams.nonNegative("from", from, 0);
        int count = QueryParams.nonNegative("size", size, DEFAULT_PAGE_SIZE);
        return new SessionList(start, sessions.count(), sessions.list(start, count));
    }

    @POST
    public Response create(byte[] body, @QueryParam("doAs") String doAs) {
        CreateSessionRequest request = bodies.parse(body, CreateSessionRequest.class, CreateSessionRequest.empty());
        NewSession validated = validator.validate(request, doAs);
        InteractiveSession session = sessions.create(null, validated.proxyUser(), validated.kind(),
                validated.resources());
        return Response.created(URI.create("/sessions/" + session.id())).entity(session.view()).build();
    }

    @GET
    @Path("{sessionId}")
    public SessionView get(@PathParam("sessionId") String sessionId) {
        InteractiveSession session = lookup.find(sessionId);
        session.touch();
        return session.view();
    }

    @GET
    @Path("{sessionId}/state")
    public StateView state(@PathParam("sessionId") String sessionId) {
        InteractiveSession session = lookup.find(sessionId);
        session.touch();
        return new StateView(session.id(), session.state());
    }

    @GET
    @Path("{sessionId}/log")
    public LogView log(@PathParam("sessionId") String sessionId, @QueryParam("from") String from,
            @QueryParam("size") String size) {
        InteractiveSession session = lookup.find(sessionId);
        session.touch();
        return LogSlice.of(session.id(), session.logLines(), from, size);
    }

    @DELETE
    @Path("{sessionId}")
    public MessageView delete(@PathParam("sessionId") String sessionId) {
        sessions.delete(lookup.find(sessionId));
        return new MessageView("deleted");
    }
}
