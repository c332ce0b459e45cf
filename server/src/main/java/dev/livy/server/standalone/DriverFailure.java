package dev.livy.server.standalone;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Why a driver failed, in the words of its stderr: the master says only FAILED, the driver's JVM says which
 * exception ended it. Stateless.
 */
final class DriverFailure {
    private static final int MOST_LINES = 5;
    private static final Pattern EXCEPTION = Pattern.compile(
            "^(Exception in thread .*|Caused by: .*|[\\w.$]+(Exception|Error)(: .*)?)$");

    private DriverFailure() {
    }

    /**
     * The lines of {@code stderr} that name an exception (its message, and what caused it), at most a few, in
     * order; when none does, its last lines.
     */
    static List<String> reason(List<String> stderr) {
        List<String> exceptions = stderr.stream().map(String::strip)
                .filter(line -> EXCEPTION.matcher(line).matches()).toList();
        List<String> chosen = exceptions.isEmpty() ? stderr.stream().filter(line -> !line.isBlank()).toList()
                : exceptions;
        return chosen.subList(Math.max(0, chosen.size() - MOST_LINES), chosen.size());
    }
}
