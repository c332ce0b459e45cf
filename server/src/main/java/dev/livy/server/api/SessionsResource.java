package dev.livy.server.api;

import dev.livy.common.CodeKind;
import dev.livy.common.api.CompletionRequest;
import dev.livy.common.api.CompletionView;
import dev.livy.common.api.CreateSessionRequest;
import dev.livy.common.api.LogView;
import dev.livy.common.api.MessageView;
import dev.livy.common.api.SessionList;
import dev.livy.common.api.SessionView;
import dev.livy.common.api.StateView;
import dev.livy.server.error.LivyException;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.session.SessionManager;
import dev.livy.server.validation.NewSession;
import dev.livy.server.validation.SessionRequestValidator;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.Objects;
import java.util.function.Predicate;

/** {@code /sessions}: create, list, read, delete interactive sessions. Every answer comes from memory. */
@Path("/sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class SessionsResource {
    private final SessionManager sessions;
    private final PathLookup lookup;
    private final SessionRequestValidator validator;
    private final JsonBodies bodies;
    private final RequestAccess access;

    public SessionsResource(SessionManager sessions, PathLookup lookup, SessionRequestValidator validator,
            JsonBodies bodies, RequestAccess access) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
        this.access = Objects.requireNonNull(access, "access");
    }

    @GET
    @ResourceSecurity(AccessLevel.ANY_USER)
    public SessionList list(@QueryParam("from") String from, @QueryParam("size") String size,
            @QueryParam("doAs") String doAs, @Context SecurityContext security) {
        Page page = Page.of(from, size);
        Predicate<String> visibleOwner = access.visibleOwners(security, doAs).orElse(owner -> true);
        Page.Slice<SessionView> slice = page.of(sessions.list(0, Integer.MAX_VALUE),
                session -> visibleOwner.test(session.owner()));
        return new SessionList(page.from(), slice.total(), slice.items());
    }

    @POST
    @ResourceSecurity(AccessLevel.ANY_USER)
    public Response create(byte[] body, @QueryParam("doAs") String doAs, @Context SecurityContext security) {
        CreateSessionRequest request = bodies.parse(body, CreateSessionRequest.class, CreateSessionRequest.empty());
        String proxyUser = access.proxyUser(security, doAs, request.proxyUser()).orElse(null);
        NewSession validated = validator.validate(request, proxyUser);
        InteractiveSession session = sessions.create(RequestAccess.authenticatedUser(security),
                validated.proxyUser(), validated.kind(), validated.resources(), validated.limits());
        return Response.created(URI.create("/sessions/" + session.id())).entity(session.createdView()).build();
    }

    @GET
    @Path("{sessionId}")
    @ResourceSecurity(AccessLevel.VIEW)
    public SessionView get(@PathParam("sessionId") String sessionId) {
        InteractiveSession session = lookup.session(sessionId);
        return session.view();
    }

    /** Livy's Java client reattaching to a session it knows by id: the session, as on create. */
    @POST
    @Path("{sessionId}/connect")
    @ResourceSecurity(AccessLevel.MODIFY)
    public SessionView connect(@PathParam("sessionId") String sessionId) {
        return lookup.session(sessionId).view();
    }

    @GET
    @Path("{sessionId}/state")
    @ResourceSecurity(AccessLevel.VIEW)
    public StateView state(@PathParam("sessionId") String sessionId) {
        InteractiveSession session = lookup.session(sessionId);
        return new StateView(session.id(), session.state());
    }

    @GET
    @Path("{sessionId}/log")
    @ResourceSecurity(AccessLevel.VIEW)
    public LogView log(@PathParam("sessionId") String sessionId, @QueryParam("from") String from,
            @QueryParam("size") String size) {
        InteractiveSession session = lookup.session(sessionId);
        return LogSlice.of(session.id(), session.logLines(), from, size);
    }

    /** Answers once the driver has (or, after a few seconds, has not); never holds a request thread meanwhile. */
    @POST
    @Path("{sessionId}/completion")
    @ResourceSecurity(AccessLevel.MODIFY)
    public void complete(@PathParam("sessionId") String sessionId, byte[] body, @Suspended AsyncResponse response) {
        InteractiveSession session = lookup.session(sessionId);
        CompletionRequest request = bodies.parse(body, CompletionRequest.class, null);
        if (request.code() == null) {
            throw LivyException.invalid("Field 'code' is required.");
        }
        CodeKind kind = RequestedKind.of(session, request.kind());
        int cursor = cursor(request.cursor(), request.code());
        session.complete(kind, request.code(), cursor)
                .thenAccept(candidates -> response.resume(new CompletionView(candidates)));
    }

    @DELETE
    @Path("{sessionId}")
    @ResourceSecurity(AccessLevel.MODIFY)
    public MessageView delete(@PathParam("sessionId") String sessionId) {
        sessions.delete(lookup.session(sessionId));
        return new MessageView("deleted");
    }

    private static int cursor(String cursor, String code) {
        if (cursor == null) {
            return code.length();
        }
        try {
            int position = Integer.parseInt(cursor.strip());
            if (position >= 0 && position <= code.length()) {
                return position;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw LivyException.invalid("Field 'cursor' must be a position in the code, from 0 to " + code.length()
                + ", not '" + cursor + "'.");
    }
}
