package dev.livy.server.api;

import dev.livy.server.metrics.ServerMetrics;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Objects;

/** {@code GET /metrics} behind the server's authentication ({@code livy.server.metrics.access = authenticated}). */
@Path("metrics")
public final class MetricsResource {
    private final ServerMetrics metrics;

    public MetricsResource(ServerMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @ResourceSecurity(AccessLevel.ANY_USER)
    public Response scrape() {
        // As a string: a MediaType would be written with its parameters reordered.
        return Response.ok(metrics.scrape()).header(HttpHeaders.CONTENT_TYPE, ServerMetrics.CONTENT_TYPE).build();
    }
}
