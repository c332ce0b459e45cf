package dev.livy.repl;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * SQL completion: the keywords, function names and table and view names that start with the word at the cursor,
 * ignoring case, sorted, each once; nothing when no part of a word precedes the cursor. Thread-safe when its
 * suppliers are.
 */
final class SqlCompletion {
    private final Supplier<Collection<String>> keywords;
    private final Supplier<Collection<String>> functions;
    private final Supplier<Collection<String>> tables;

    /** The suppliers are asked at every completion, so they see what statements created meanwhile. */
    SqlCompletion(Supplier<Collection<String>> keywords, Supplier<Collection<String>> functions,
            Supplier<Collection<String>> tables) {
        this.keywords = Objects.requireNonNull(keywords, "keywords");
        this.functions = Objects.requireNonNull(functions, "functions");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    List<String> complete(String code, int cursor) {
        String prefix = wordBefore(code, cursor).toLowerCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            return List.of();
        }
        TreeSet<String> candidates = new TreeSet<>();
        for (Supplier<Collection<String>> names : List.of(keywords, functions, tables)) {
            for (String name : names.get()) {
                if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    candidates.add(name);
                }
            }
        }
        return List.copyOf(candidates);
    }

    /** The identifier characters (letters, digits, underscore) right before the cursor; after a dot for a.b. */
    static String wordBefore(String code, int cursor) {
        int end = Math.max(0, Math.min(cursor, code.length()));
        int start = end;
        while (start > 0 && isIdentifierPart(code.charAt(start - 1))) {
            start--;
        }
        return code.substring(start, end);
    }

    private static boolean isIdentifierPart(char character) {
        return Character.isLetterOrDigit(character) || character == '_';
    }
}
