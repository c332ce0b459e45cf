package dev.livy.server;

import java.time.Duration;
import java.util.Objects;

/**
 * The largest request body ({@code livy.server.request-body.max-size}) and how long one may take to arrive
 * ({@code livy.server.request-body.timeout}).
 */
public record RequestBodyLimits(long maxBytes, Duration timeout) {
    /** The catalogue's defaults. */
    public static final RequestBodyLimits DEFAULT = new RequestBodyLimits(10L * 1024 * 1024, Duration.ofSeconds(60));

    public RequestBodyLimits {
        Objects.requireNonNull(timeout, "timeout");
    }
}
