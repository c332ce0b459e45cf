package dev.livy.server.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.livy.common.api.MessageView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one writer of {@code {"msg": ...}} error bodies: the exception mappers, the security filters and Jetty's own
 * error handler all answer with these bytes. Thread-safe.
 */
public final class ErrorBody {
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectWriter WRITER = new ObjectMapper().writerFor(MessageView.class);

    private ErrorBody() {
    }

    /** The UTF-8 bytes of {@code {"msg": message}}. */
    public static byte[] of(String message) {
        try {
            return WRITER.writeValueAsBytes(new MessageView(message));
        } catch (JsonProcessingException e) {
            // A record of one string always serialises.
            throw new UncheckedIOException(e);
        }
    }

    /** Answers a request a servlet filter stops. */
    public static void send(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = of(message);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    public static void send(HttpServletResponse response, ErrorCode code, String message) throws IOException {
        send(response, code.status(), message);
    }
}
