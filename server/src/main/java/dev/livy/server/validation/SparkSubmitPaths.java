package dev.livy.server.validation;

import dev.livy.server.error.LivyException;
import dev.livy.server.util.LogText;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What spark-submit opens for a path a request names, following Spark's {@code Utils.resolveURI}: a value with a
 * scheme is a URI (its path decoded); a value without one is taken literally, unless it has a {@code #fragment},
 * when the decoded part before it is the file. Refuses what spark-submit would read differently from a plain path:
 * commas (it splits lists on them), control characters, {@code ?} (a query is dropped from a URI, kept in a plain
 * name), glob characters (it expands them), and {@code ..} (resolved after a symbolic link, it could lead anywhere).
 * Stateless.
 */
final class SparkSubmitPaths {
    private static final Set<String> LOCAL_SCHEMES = Set.of("file", "local");
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x1f\\x7f-\\x9f]");
    private static final Pattern WILDCARD = Pattern.compile("[?*\\[\\]{}]");

    private SparkSubmitPaths() {
    }

    /**
     * @return the local file spark-submit would open, or null when the value names a remote resource
     * @throws LivyException 400 naming the field when spark-submit would read the value as something else
     */
    static Path localPath(String field, String value) {
        if (CONTROL.matcher(value).find()) {
            throw refused(field, "path", value, "must not contain control characters such as a NUL byte.");
        }
        if (value.contains(",")) {
            throw refused(field, "path", value, "must not contain a comma: spark-submit would read it as two paths.");
        }
        String opened = openedPath(field, value);
        if (opened == null) {
            return null;
        }
        if (CONTROL.matcher(opened).find()) {
            throw refused(field, "local path", value, "must not contain control characters such as a NUL byte.");
        }
        if (WILDCARD.matcher(value).find() || WILDCARD.matcher(opened).find()) {
            throw refused(field, "local path", value, "must not contain '?', '*', '[', ']', '{' or '}': "
                    + "spark-submit would read them as a query or a wildcard.");
        }
        Path path = Path.of(opened);
        for (Path name : path) {
            if (name.toString().equals("..")) {
                throw refused(field, "local path", value, "must not contain '..': name the file by its path inside "
                        + "the whitelisted directory.");
            }
        }
        return path;
    }

    /** The path as spark-submit reads it, or null for a remote URI. */
    private static String openedPath(String field, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return value;
        }
        if (uri.getScheme() == null) {
            return uri.getRawFragment() == null || uri.getPath() == null ? value : uri.getPath();
        }
        if (!LOCAL_SCHEMES.contains(uri.getScheme())) {
            return null;
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw LivyException.invalid("Field '" + field + "': '" + LogText.escape(value) + "' names no path.");
        }
        return uri.getPath();
    }

    static LivyException refused(String field, String what, String value, String reason) {
        return LivyException.invalid("Field '" + field + "': " + what + " '" + LogText.escape(value) + "' "
                + reason);
    }
}
