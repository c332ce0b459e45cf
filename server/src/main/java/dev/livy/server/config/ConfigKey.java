package dev.livy.server.config;

import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, how its text parses, its default (as written in livy.conf; empty = unset)
 * and what it means. Immutable.
 */
public record ConfigKey<T>(String name, String defaultText, String description, Function<String, T> parser) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultText, "defaultText");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(parser, "parser");
    }

    /** Parses a value, or throws {@link IllegalArgumentException} naming this key and the accepted form. */
    public T parse(String text) {
        try {
            return parser.apply(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Invalid value '" + text + "' for configuration key " + name + ": " + e.getMessage(), e);
        }
    }
}
