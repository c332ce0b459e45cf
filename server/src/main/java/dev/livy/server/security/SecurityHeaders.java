package dev.livy.server.security;

import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Headers on every answer, errors and 401s included: no MIME sniffing, no framing, a content security policy that
 * lets a page load nothing but itself, and no caching of answers that may carry code or results. A Jetty handler
 * around the servlet context rather than a servlet filter, with the fields encoded once: reads are the hot path.
 * HSTS is added by the TLS connector. Thread-safe.
 */
public final class SecurityHeaders extends Handler.Wrapper {
    /** Also on the answers Jetty gives itself before any handler runs (a malformed request). */
    public static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");
    private static final List<HttpField> FIELDS = HEADERS.entrySet().stream()
            .<HttpField>map(header -> new PreEncodedHttpField(header.getKey(), header.getValue())).toList();

    public SecurityHeaders(Handler handler) {
        super(handler);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        FIELDS.forEach(response.getHeaders()::add);
        return super.handle(request, response, callback);
    }
}
