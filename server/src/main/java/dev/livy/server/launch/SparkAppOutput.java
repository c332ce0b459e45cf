package dev.livy.server.launch;

import dev.livy.common.SessionState;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what spark-submit and the application print for what the server shows: the application id (our
 * reporter's line, or the id forms of local, standalone and YARN masters), the Spark UI address, and on YARN the
 * application's state. Each method looks for a cheap marker before it runs a regular expression. Stateless.
 */
final class SparkAppOutput {
    /** Printed by {@code dev.livy.repl.BatchApplicationReporter}, which the launcher adds to client-mode drivers. */
    static final String REPORTER_MARKER = "livy-batch-application-id: ";

    private static final Pattern APP_ID = Pattern.compile(
            "\\b(application_\\d+_\\d+|app-\\d{14}-\\d{4,}|local-\\d{13})\\b");
    private static final Pattern JETTY_UI = Pattern.compile("Start Jetty (\\S+):(\\d+) for SparkUI");
    private static final Pattern BOUND_UI = Pattern.compile("Bound SparkUI to \\S+ and started at (http\\S+)");
    private static final Pattern TRACKING_URL = Pattern.compile("tracking URL: (https?://\\S+)");
    private static final Pattern YARN_REPORT = Pattern.compile("Application report for \\S+ \\(state: (\\w+)\\)");

    private SparkAppOutput() {
    }

    static Optional<String> applicationId(String line) {
        int marker = line.indexOf(REPORTER_MARKER);
        if (marker >= 0) {
            return Optional.of(line.substring(marker + REPORTER_MARKER.length()).strip());
        }
        if (!line.contains("local-") && !line.contains("app-") && !line.contains("application_")) {
            return Optional.empty();
        }
        Matcher matcher = APP_ID.matcher(line);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    static Optional<String> sparkUiUrl(String line) {
        if (line.contains("for SparkUI")) {
            Matcher matcher = JETTY_UI.matcher(line);
            if (matcher.find()) {
                return Optional.of("http://" + matcher.group(1) + ":" + matcher.group(2));
            }
        }
        if (line.contains("Bound SparkUI")) {
            Matcher matcher = BOUND_UI.matcher(line.replace(",", ""));
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        if (line.contains("tracking URL:")) {
            Matcher matcher = TRACKING_URL.matcher(line);
            if (matcher.find()) {
                return Optional.of(matcher.group(1));
            }
        }
        return Optional.empty();
    }

    /** The batch state a YARN application report implies while spark-submit waits for the application. */
    static Optional<SessionState> clusterState(String line) {
        if (!line.contains("Application report for")) {
            return Optional.empty();
        }
        Matcher matcher = YARN_REPORT.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return switch (matcher.group(1)) {
            case "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED" -> Optional.of(SessionState.STARTING);
            case "RUNNING" -> Optional.of(SessionState.RUNNING);
            default -> Optional.empty();
        };
    }
}
