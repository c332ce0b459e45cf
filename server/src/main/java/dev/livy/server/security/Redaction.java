package dev.livy.server.security;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Hides the values of conf keys that look like secrets, with Spark's default {@code spark.redaction.regex}, before
 * the server shows or logs them.
 */
public final class Redaction {
    public static final String REDACTED = "*********(redacted)";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");

    private Redaction() {
    }

    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).find();
    }

    /** A sorted copy with every secret's value replaced, as Spark's own UI and logs show it. */
    public static Map<String, String> redact(Map<String, String> conf) {
        Map<String, String> redacted = new TreeMap<>();
        conf.forEach((key, value) -> redacted.put(key, isSecret(key) ? REDACTED : value));
        return redacted;
    }
}
