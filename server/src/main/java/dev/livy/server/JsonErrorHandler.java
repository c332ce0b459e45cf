package dev.livy.server;

import dev.livy.server.error.ErrorBody;
import dev.livy.server.security.SecurityHeaders;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself (a malformed URI, a bad header, a path outside the servlet, and the refusals of
 * {@link RequestBodies}) are {@code {"msg": ...}} JSON with the security headers like all others, whatever the
 * method. Thread-safe.
 */
final class JsonErrorHandler extends ErrorHandler {
    /** Jetty's default writes a body for GET, POST and HEAD only; a JSON API answers every method alike. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        String reason = message == null || message.isBlank() ? "HTTP " + code : message;
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ErrorBody.CONTENT_TYPE);
        SecurityHeaders.HEADERS.forEach(response.getHeaders()::put);
        response.write(true, ByteBuffer.wrap(ErrorBody.of(reason)), callback);
    }
}
