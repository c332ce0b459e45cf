package dev.livy.server.error;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns every failure into {@code {"msg": ...}} JSON with the right status, never a stack trace. */
public final class ExceptionMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {
    }

    static Response error(int status, String message) {
        return Response.status(status).type(ErrorBody.CONTENT_TYPE).entity(ErrorBody.of(message)).build();
    }

    /** Our own failures, thrown where the condition is known. */
    public static final class LivyExceptionMapper implements ExceptionMapper<LivyException> {
        @Override
        public Response toResponse(LivyException exception) {
            return error(exception.code().status(), exception.getMessage());
        }
    }

    /** Jersey's own: unknown path (404), wrong method (405), unacceptable media type (406/415). */
    public static final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException exception) {
            Response.StatusType status = exception.getResponse().getStatusInfo();
            if (status.getStatusCode() >= 500) {
                return CatchAllMapper.internalError(exception);
            }
            Response answer = error(status.getStatusCode(), status.getReasonPhrase());
            // 405 says which methods the resource has.
            String allow = exception.getResponse().getHeaderString(HttpHeaders.ALLOW);
            if (allow == null) {
                return answer;
            }
            return Response.fromResponse(answer).header(HttpHeaders.ALLOW, allow).build();
        }
    }

    /** Anything else is a bug: logged with an id the client can quote, answered without details. */
    public static final class CatchAllMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable exception) {
            return internalError(exception);
        }

        static Response internalError(Throwable exception) {
            String errorId = UUID.randomUUID().toString().substring(0, 8);
            LOG.error("Internal error {}", errorId, exception);
            return error(ErrorCode.INTERNAL.status(), "Internal server error (id " + errorId + ")");
        }
    }
}
