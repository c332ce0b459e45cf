package dev.livy.server.util;

/**
 * Makes user-controlled text safe to log: control characters (C0, DEL, C1) and the Unicode line and paragraph
 * separators become visible escapes, so a user name, path or argument cannot end a log line and forge the next.
 */
public final class LogText {
    private LogText() {
    }

    /** {@code String.valueOf(value)} with {@code \n}, {@code \r}, {@code \t} and other controls as escapes. */
    public static String escape(Object value) {
        String text = String.valueOf(value);
        if (text.chars().noneMatch(LogText::needsEscape)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            switch (c) {
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (needsEscape(c)) {
                        escaped.append(String.format("\\u%04x", c));
                    } else {
                        escaped.append((char) c);
                    }
                }
            }
        });
        return escaped.toString();
    }

    private static boolean needsEscape(int c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029;
    }
}
