package dev.livy.server.metrics;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers {@code GET /metrics} before authentication ({@code livy.server.metrics.access = public}), so that a
 * Prometheus without credentials can scrape a server that authenticates its users; every other request goes on.
 * Thread-safe.
 */
public final class PublicMetrics extends Handler.Wrapper {
    private static final String PATH = "/metrics";

    private final ServerMetrics metrics;

    public PublicMetrics(ServerMetrics metrics, Handler handler) {
        super(handler);
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!PATH.equals(Request.getPathInContext(request)) || !HttpMethod.GET.is(request.getMethod())) {
            return super.handle(request, response, callback);
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ServerMetrics.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(metrics.scrape().getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }
}
