package dev.livy.common.protocol;

import java.util.Map;

/**
 * The server's settings a driver works by, typed, each with its one default. They travel in the
 * {@link DriverLaunchConfig}. Immutable.
 *
 * @param sqlNumRows     the most rows a sql statement returns ({@code livy.rsc.sql.num-rows})
 * @param maxOutputBytes the largest statement output, as JSON, a driver sends
 *                       ({@code livy.rsc.statement.max-output-size})
 */
public record DriverSettings(int sqlNumRows, long maxOutputBytes) {
    public static final String SQL_NUM_ROWS = "livy.rsc.sql.num-rows";
    public static final String MAX_OUTPUT_SIZE = "livy.rsc.statement.max-output-size";
    public static final DriverSettings DEFAULTS = new DriverSettings(1000, 8L * 1024 * 1024);

    /**
     * From the server's settings by name: the default for each one absent, and for a row limit that is not a
     * positive number.
     */
    public static DriverSettings from(Map<String, String> settings) {
        String maxOutput = settings.get(MAX_OUTPUT_SIZE);
        return new DriverSettings(sqlNumRows(settings.get(SQL_NUM_ROWS)),
                maxOutput == null ? DEFAULTS.maxOutputBytes : Long.parseLong(maxOutput));
    }

    private static int sqlNumRows(String value) {
        if (value == null) {
            return DEFAULTS.sqlNumRows;
        }
        try {
            int rows = Integer.parseInt(value.strip());
            return rows > 0 ? rows : DEFAULTS.sqlNumRows;
        } catch (NumberFormatException e) {
            return DEFAULTS.sqlNumRows;
        }
    }
}
