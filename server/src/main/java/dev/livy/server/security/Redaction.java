package dev.livy.server.security;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the values of conf keys that look like secrets, with Spark's default {@code spark.redaction.regex}, before
 * the server shows or logs them; also the values of such system properties ({@code -Dname=value}) inside other
 * values, such as {@code spark.driver.extraJavaOptions}.
 */
public final class Redaction {
    public static final String REDACTED = "*********(redacted)";
    private static final Pattern SECRET_KEY = Pattern.compile("(?i)secret|password|token|access[.]?key");
    /** A system property as Spark splits Java options: the value may be quoted and then hold spaces. */
    private static final Pattern SYSTEM_PROPERTY = Pattern.compile("-D([^=\\s]+)=(\"[^\"]*\"|'[^']*'|\\S*)");
    /** Spark puts these on the command line of the JVM they configure. */
    private static final Pattern JAVA_OPTIONS_KEY = Pattern.compile("spark\\.[a-z.]+\\.(extra|default)JavaOptions");

    private Redaction() {
    }

    public static boolean isSecret(String key) {
        return SECRET_KEY.matcher(key).find();
    }

    /** A sorted copy with every secret's value replaced, as Spark's own UI and logs show it. */
    public static Map<String, String> redact(Map<String, String> conf) {
        Map<String, String> redacted = new TreeMap<>();
        conf.forEach((key, value) -> redacted.put(key, isSecret(key) ? REDACTED : redactSystemProperties(value)));
        return redacted;
    }

    /**
     * "key sets -Dname" for each secret-looking system property in Java options, sorted: Spark passes them to the
     * JVM on its command line, where other local users can read them.
     */
    public static List<String> secretJavaOptions(Map<String, String> conf) {
        return new TreeMap<>(conf).entrySet().stream()
                .filter(entry -> JAVA_OPTIONS_KEY.matcher(entry.getKey()).matches())
                .flatMap(entry -> SYSTEM_PROPERTY.matcher(entry.getValue()).results()
                        .filter(property -> isSecret(property.group(1)))
                        .map(property -> entry.getKey() + " sets -D" + property.group(1)))
                .toList();
    }

    private static String redactSystemProperties(String value) {
        Matcher property = SYSTEM_PROPERTY.matcher(value);
        StringBuilder redacted = new StringBuilder();
        while (property.find()) {
            String replacement = isSecret(property.group(1)) ? "-D" + property.group(1) + "=" + REDACTED
                    : property.group();
            property.appendReplacement(redacted, Matcher.quoteReplacement(replacement));
        }
        property.appendTail(redacted);
        return redacted.toString();
    }
}
