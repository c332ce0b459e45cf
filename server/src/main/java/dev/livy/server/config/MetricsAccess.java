package dev.livy.server.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Who may read {@code GET /metrics} ({@code livy.server.metrics.access}). */
public enum MetricsAccess {
    /** No metrics are kept and {@code /metrics} is 404. */
    OFF,
    /** Anyone who reaches the port, even when the server authenticates (for a Prometheus without credentials). */
    PUBLIC,
    /** Like every other endpoint: the server's authentication and allowed users apply. */
    AUTHENTICATED;

    public static MetricsAccess parse(String value) {
        String wanted = value.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(access -> access.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of " + Arrays.stream(values())
                        .map(access -> access.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))));
    }
}
