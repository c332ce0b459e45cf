package dev.livy.common.protocol;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's settings a driver works by, typed, each with its one default. The server reads them from its
 * configuration once; they travel in the {@link DriverLaunchConfig}. Immutable.
 *
 * @param sqlNumRows     the most rows a sql statement returns ({@code livy.rsc.sql.num-rows})
 * @param maxOutputBytes the largest statement output, as JSON, a driver sends
 *                       ({@code livy.rsc.statement.max-output-size})
 * @param reconnectTimeoutMillis how long a driver whose server went away keeps running and tries to reconnect
 *                       before it exits ({@code livy.rsc.server.reconnect-timeout}, with recovery on); 0: it exits
 *                       at once, as a driver of a server without recovery does
 * @param sparkRLibrary  the R library holding SparkR for Spark homes that ship none
 *                       ({@code livy.server.sparkr.library}); null when unset
 */
public record DriverSettings(int sqlNumRows, long maxOutputBytes, long reconnectTimeoutMillis, String sparkRLibrary) {
    public static final String MAX_OUTPUT_SIZE = "livy.rsc.statement.max-output-size";
    public static final DriverSettings DEFAULTS = new DriverSettings(1000, 8L * 1024 * 1024);

    public DriverSettings {
        if (sqlNumRows <= 0 || maxOutputBytes <= 0 || reconnectTimeoutMillis < 0) {
            throw new IllegalArgumentException("Driver settings must be positive: " + sqlNumRows + " rows, "
                    + maxOutputBytes + " output bytes, " + reconnectTimeoutMillis + " ms to reconnect");
        }
        if (sparkRLibrary != null && sparkRLibrary.isBlank()) {
            sparkRLibrary = null;
        }
    }

    /** {@link #sparkRLibrary} as a path, when set. */
    public Optional<Path> sparkRLibraryPath() {
        return Optional.ofNullable(sparkRLibrary).map(Path::of);
    }

    /** Settings of a driver that exits when its server goes away, without a SparkR library. */
    public DriverSettings(int sqlNumRows, long maxOutputBytes) {
        this(sqlNumRows, maxOutputBytes, 0, null);
    }

    /** The same settings with a driver that outlives its server for {@code millis}. */
    public DriverSettings withReconnectTimeout(long millis) {
        return new DriverSettings(sqlNumRows, maxOutputBytes, millis, sparkRLibrary);
    }

    /** The same settings with SparkR looked for in {@code library} too (null: not). */
    public DriverSettings withSparkRLibrary(String library) {
        return new DriverSettings(sqlNumRows, maxOutputBytes, reconnectTimeoutMillis, library);
    }
}
