package dev.livy.server.standalone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.livy.common.SessionState;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A driver in cluster deploy mode as a standalone master lists it in its web UI's {@code /json/}
 * ({@code activedrivers}, {@code completeddrivers}), and the batch state it implies. Immutable.
 *
 * @param state  the master's: SUBMITTED, RUNNING, RELAUNCHING, UNKNOWN, FINISHED, FAILED, ERROR, KILLED
 * @param worker the id of the worker it runs (or ran) on; {@code None} before it has one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StandaloneDriver(String id, String state, String worker) {
    private static final Pattern SUBMITTED_ID = Pattern.compile("\\b(driver-\\d{14}-\\d{4,})\\b");

    /**
     * The driver id a line of spark-submit's output names ({@code Driver successfully submitted as driver-…}, in
     * cluster deploy mode), if any.
     */
    public static Optional<String> submittedId(String line) {
        if (!line.contains("driver-")) {
            return Optional.empty();
        }
        Matcher matcher = SUBMITTED_ID.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Whether an id is a standalone driver's (rather than an application's, {@code app-…}). */
    public static boolean isDriverId(String id) {
        return id != null && SUBMITTED_ID.matcher(id).matches();
    }

    /** Whether the master will report nothing new about the driver. */
    public boolean hasEnded() {
        return batchState().isFinal();
    }

    /** FINISHED is the driver's JVM ending with 0; FAILED another exit code; ERROR a worker that could not run it. */
    public SessionState batchState() {
        return switch (String.valueOf(state)) {
            case "RUNNING" -> SessionState.RUNNING;
            case "FINISHED" -> SessionState.SUCCESS;
            case "FAILED", "ERROR" -> SessionState.DEAD;
            case "KILLED" -> SessionState.KILLED;
            default -> SessionState.STARTING;
        };
    }

    /** Whether it has been given to a worker. */
    public boolean hasWorker() {
        return worker != null && !worker.isBlank() && !worker.equals("None");
    }
}
