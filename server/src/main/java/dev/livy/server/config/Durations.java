package dev.livy.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses Livy's time strings: {@code 100ms}, {@code 90s}, {@code 30m}, {@code 2h}, {@code 1d}; a bare number is
 * seconds.
 */
public final class Durations {
    private static final Pattern TIME = Pattern.compile("(\\d+)\\s*(ms|s|m|min|h|d)?");
    /** The longest duration a {@link Duration} holds, in whole days. */
    public static final String LONGEST = Duration.ofSeconds(Long.MAX_VALUE).toDays() + "d";

    private Durations() {
    }

    /**
     * @throws TooLongException when the amount is too large for a {@link Duration}
     * @throws IllegalArgumentException when the text is not a duration
     */
    public static Duration parse(String text) {
        Matcher matcher = TIME.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a duration such as 90s, 30m or 2h");
        }
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        try {
            long amount = Long.parseLong(matcher.group(1));
            return switch (unit) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m", "min" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                case "d" -> Duration.ofDays(amount);
                default -> throw new IllegalArgumentException("unknown time unit " + unit);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new TooLongException();
        }
    }

    /** A well-formed duration longer than any {@link Duration} can hold. */
    public static final class TooLongException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooLongException() {
            super("too long: at most " + LONGEST);
        }
    }
}
