package dev.livy.server.api;

import dev.livy.common.api.AddResourceRequest;
import dev.livy.common.api.MessageView;
import dev.livy.common.protocol.ResourceKind;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import dev.livy.server.session.InteractiveSession;
import dev.livy.server.session.SessionManager;
import dev.livy.server.validation.SessionRequestValidator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Objects;

/**
 * {@code POST /sessions/{id}/upload-jar|upload-file|upload-pyfile} (multipart, the file in the part {@code jar} or
 * {@code file})
 * and {@code add-jar|add-file|add-pyfile} (JSON {@code {"uri": ...}}): files for the session's driver. Uploads
 * are stored in the session's private directory; added URIs pass the local-path whitelist. The driver puts jars
 * on the jobs' class path and Spark's.
 */
@Path("/sessions/{sessionId}/{operation: (upload|add)-(jar|file|pyfile)}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public final class SessionFilesResource {
    private static final String UPLOAD = "upload-";

    private final SessionManager sessions;
    private final PathLookup lookup;
    private final SessionRequestValidator validator;
    private final JsonBodies bodies;

    public SessionFilesResource(SessionManager sessions, PathLookup lookup, SessionRequestValidator validator,
            JsonBodies bodies) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    @POST
    @ResourceSecurity(AccessLevel.MODIFY)
    public MessageView add(@PathParam("sessionId") String sessionId, @PathParam("operation") String operation,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        InteractiveSession session = lookup.session(sessionId);
        ResourceKind kind = ResourceKind.fromWireName(operation.substring(operation.indexOf('-') + 1));
        if (operation.startsWith(UPLOAD)) {
            MultipartUpload upload = MultipartUpload.parse(contentType, body);
            sessions.upload(session, kind, upload.fileName(), upload.content());
            return new MessageView("uploaded");
        }
        AddResourceRequest request = bodies.parse(body, AddResourceRequest.class, new AddResourceRequest(null));
        validator.validateAddedFile(request.uri());
        session.addResource(kind, request.uri());
        return new MessageView("added");
    }
}
