package dev.livy.server.validation;

import dev.livy.common.SparkRAvailability;
import dev.livy.server.spark.SparkHomes;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a {@code sparkr} session can run R here: R (the session's {@code spark.r.shell.command}, else
 * {@code SPARKR_DRIVER_R}, else {@code R} on the PATH) and SparkR for the Spark home the session picks (its
 * {@code R/lib/SparkR} or {@code R/lib/sparkr.zip}, else the R library {@code livy.server.sparkr.library} names).
 * Asked per request, so R or SparkR installed while the server runs counts at once. Immutable and thread-safe.
 */
public final class SparkRSupport {
    /** Empty for a server that does not check: its sessions learn it from their first R statement. */
    private final Optional<SparkHomes> sparkHomes;
    private final Optional<Path> sparkRLibrary;
    private final Map<String, String> environment;

    private SparkRSupport(Optional<SparkHomes> sparkHomes, Optional<Path> sparkRLibrary,
            Map<String, String> environment) {
        this.sparkHomes = Objects.requireNonNull(sparkHomes, "sparkHomes");
        this.sparkRLibrary = Objects.requireNonNull(sparkRLibrary, "sparkRLibrary");
        this.environment = Map.copyOf(environment);
    }

    /**
     * @param sparkRLibrary the R library {@code livy.server.sparkr.library} names, if set
     * @param environment   the server's environment, where the driver's R is looked for in local mode
     */
    public static SparkRSupport of(SparkHomes sparkHomes, Optional<Path> sparkRLibrary,
            Map<String, String> environment) {
        return new SparkRSupport(Optional.of(sparkHomes), sparkRLibrary, environment);
    }

    /** Support that finds nothing missing: for servers whose tests do not start R. */
    public static SparkRSupport unchecked() {
        return new SparkRSupport(Optional.empty(), Optional.empty(), Map.of());
    }

    /** What the session lacks for R, in words for its user; empty when R can run. */
    public Optional<String> missing(Map<String, String> sessionConf) {
        if (sparkHomes.isEmpty()) {
            return Optional.empty();
        }
        Path sparkHome = sparkHomes.get().select(sessionConf).installation().home();
        String rCommand = SparkRAvailability.rCommand(
                Optional.ofNullable(sessionConf.get(SparkRAvailability.R_COMMAND_KEY)), environment);
        return SparkRAvailability.missing(Optional.of(sparkHome), sparkRLibrary, rCommand,
                environment.getOrDefault("PATH", ""));
    }
}
