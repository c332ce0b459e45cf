package dev.livy.server.api;

import dev.livy.common.CodeKind;
import dev.livy.common.api.ExecuteRequest;
import dev.livy.common.api.MessageView;
import dev.livy.common.api.StatementList;
import dev.livy.common.api.StatementView;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code /sessions/{id}/statements}: run, list, read and cancel statements. POST only queues (the driver gets the
 * statement asynchronously) and every GET answers from memory.
 */
@Path("/sessions/{sessionId}/statements")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class StatementsResource {
    private static final Pattern STATEMENT_ID = Pattern.compile("\\d{1,9}");

    private final PathLookup lookup;
    private final JsonBodies bodies;

    public StatementsResource(PathLookup lookup, JsonBodies bodies) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    @GET
    @ResourceSecurity(AccessLevel.VIEW)
    public StatementList list(@PathParam("sessionId") String sessionId) {
        InteractiveSession session = lookup.session(sessionId);
        List<StatementView> statements = session.statements();
        return new StatementList(statements.size(), statements);
    }

    @POST
    @ResourceSecurity(AccessLevel.MODIFY)
    public Response run(@PathParam("sessionId") String sessionId, byte[] body) {
        InteractiveSession session = lookup.session(sessionId);
        ExecuteRequest request = bodies.parse(body, ExecuteRequest.class, null);
        if (request.code() == null) {
            throw LivyException.invalid("Field 'code' is required.");
        }
        CodeKind kind = RequestedKind.of(session, request.kind());
        StatementView statement = session.submit(request.code(), kind);
        return Response.created(URI.create("/sessions/" + session.id() + "/statements/" + statement.id()))
                .entity(statement).build();
    }

    @GET
    @Path("{statementId}")
    @ResourceSecurity(AccessLevel.VIEW)
    public StatementView get(@PathParam("sessionId") String sessionId, @PathParam("statementId") String statementId) {
        InteractiveSession session = lookup.session(sessionId);
        return session.statement(parseId(statementId)).orElseThrow(() -> statementNotFound(session, statementId));
    }

    @POST
    @Path("{statementId}/cancel")
    @ResourceSecurity(AccessLevel.MODIFY)
    public MessageView cancel(@PathParam("sessionId") String sessionId, @PathParam("statementId") String statementId) {
        InteractiveSession session = lookup.session(sessionId);
        if (!session.cancel(parseId(statementId))) {
            throw statementNotFound(session, statementId);
        }
        return new MessageView("canceled");
    }

    private static int parseId(String statementId) {
        if (!STATEMENT_ID.matcher(statementId).matches()) {
            return -1;
        }
        return Integer.parseInt(statementId);
    }

    private static LivyException statementNotFound(InteractiveSession session, String statementId) {
        return new LivyException(ErrorCode.STATEMENT_NOT_FOUND,
                "Statement '" + statementId + "' not found in session " + session.id() + ".");
    }
}
