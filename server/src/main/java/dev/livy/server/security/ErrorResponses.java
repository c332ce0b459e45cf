package dev.livy.server.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.livy.common.api.MessageView;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the {@code {"msg": ...}} answer of a request a security filter stops. Thread-safe. */
final class ErrorResponses {
    private static final ObjectWriter WRITER = new ObjectMapper().writerFor(MessageView.class);

    private ErrorResponses() {
    }

    static void send(HttpServletResponse response, int status, String message) throws IOException {
        byte[] body = WRITER.writeValueAsBytes(new MessageView(message));
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
