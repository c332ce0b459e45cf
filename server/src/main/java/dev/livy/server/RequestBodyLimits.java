package dev.livy.server;

import dev.livy.server.config.LivyConfKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * The largest request body ({@code livy.server.request-body.max-size}) and how long one may take to arrive
 * ({@code livy.server.request-body.timeout}).
 */
public record RequestBodyLimits(long maxBytes, Duration timeout) {
    /** The catalogue's defaults. */
    public static final RequestBodyLimits DEFAULT = new RequestBodyLimits(
            LivyConfKeys.MAX_REQUEST_BODY.parse(LivyConfKeys.MAX_REQUEST_BODY.defaultText()),
            LivyConfKeys.REQUEST_BODY_TIMEOUT.parse(LivyConfKeys.REQUEST_BODY_TIMEOUT.defaultText()));

    public RequestBodyLimits {
        Objects.requireNonNull(timeout, "timeout");
    }
}
