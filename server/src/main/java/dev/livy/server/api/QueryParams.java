package dev.livy.server.api;

import dev.livy.server.error.LivyException;

/** Parses optional integer query parameters, with a 400 naming the parameter when one is not an integer. */
final class QueryParams {
    private QueryParams() {
    }

    static int integer(String name, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw LivyException.invalid("Query parameter '" + name + "' must be an integer, not '" + value + "'.");
        }
    }

    static int nonNegative(String name, String value, int absent) {
        int number = integer(name, value, absent);
        if (number < 0) {
            throw LivyException.invalid("Query parameter '" + name + "' must not be negative.");
        }
        return number;
    }
}
