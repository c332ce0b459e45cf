package dev.livy.server.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parsers for configuration values. Each throws {@link IllegalArgumentException} saying what it expected. */
final class ValueParsers {
    private ValueParsers() {
    }

    static String text(String value) {
        return value;
    }

    static Optional<String> optionalText(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    static int port(String value) {
        int port = integer(value);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("expected a port number from 0 to 65535");
        }
        return port;
    }

    static int positiveInteger(String value) {
        int number = integer(value);
        if (number <= 0) {
            throw new IllegalArgumentException("expected a positive integer");
        }
        return number;
    }

    static int integer(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer");
        }
    }

    static boolean bool(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static Duration duration(String value) {
        return Durations.parse(value);
    }

    static Optional<Duration> optionalDuration(String value) {
        return value.isEmpty() ? Optional.empty() : Optional.of(positiveDuration(value));
    }

    static Duration positiveDuration(String value) {
        Duration duration = Durations.parse(value);
        if (duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException("expected a positive duration");
        }
        return duration;
    }

    /** {@code 512k}, {@code 10m}, {@code 1g} (binary units) or a plain number of bytes. */
    static long byteSize(String value) {
        Matcher matcher = Pattern.compile("(\\d+)\\s*([kmg]?)b?")
                .matcher(value.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("expected a size such as 512k, 10m or 1g");
        }
        long number = Long.parseLong(matcher.group(1));
        int shift = switch (matcher.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        if (number <= 0 || Long.numberOfLeadingZeros(number) <= shift + 1) {
            throw new IllegalArgumentException("expected a positive size below 2^62 bytes");
        }
        return number << shift;
    }

    /** {@link #byteSize}, refused above {@code max} (written as the text the error shows). */
    static Function<String, Long> byteSizeAtMost(String max) {
        long limit = byteSize(max);
        return value -> {
            long size = byteSize(value);
            if (size > limit) {
                throw new IllegalArgumentException("expected a size of at most " + max);
            }
            return size;
        };
    }

    static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }
}
