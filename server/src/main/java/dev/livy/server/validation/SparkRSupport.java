package dev.livy.server.validation;

import dev.livy.common.SparkRAvailability;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a {@code sparkr} session can run R here: R (the session's {@code spark.r.shell.command}, else
 * {@code SPARKR_DRIVER_R}, else {@code R} on the PATH) and SparkR in the Spark home. Asked per request, so R or
 * SparkR installed while the server runs counts at once. Immutable and thread-safe.
 */
public final class SparkRSupport {
    /** Empty for a server that does not check: its sessions learn it from their first R statement. */
    private final Optional<Path> sparkHome;
    private final Map<String, String> environment;

    private SparkRSupport(Optional<Path> sparkHome, Map<String, String> environment) {
        this.sparkHome = Objects.requireNonNull(sparkHome, "sparkHome");
        this.environment = Map.copyOf(environment);
    }

    /** @param environment the server's environment, where the driver's R is looked for in local mode */
    public static SparkRSupport of(Path sparkHome, Map<String, String> environment) {
        return new SparkRSupport(Optional.of(sparkHome), environment);
    }

    /** Support that finds nothing missing: for servers whose tests do not start R. */
    public static SparkRSupport unchecked() {
        return new SparkRSupport(Optional.empty(), Map.of());
    }

    /** What the session lacks for R, in words for its user; empty when R can run. */
    public Optional<String> missing(Map<String, String> sessionConf) {
        if (sparkHome.isEmpty()) {
            return Optional.empty();
        }
        String rCommand = SparkRAvailability.rCommand(
                Optional.ofNullable(sessionConf.get(SparkRAvailability.R_COMMAND_KEY)), environment);
        return SparkRAvailability.missing(sparkHome, rCommand, environment.getOrDefault("PATH", ""));
    }
}
