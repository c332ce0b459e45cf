package dev.livy.server.validation;

import dev.livy.server.error.LivyException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * The local directories ({@code livy.file.local-dir-whitelist}) from which requests may name files. A path with no
 * scheme, {@code file:} or {@code local:} is local and must lie, with symbolic links resolved, inside one of them
 * (what counts is the file spark-submit would open: {@link SparkSubmitPaths}); other schemes ({@code hdfs:},
 * {@code s3a:}, {@code http:}...) are Spark's business and pass.
 * Immutable.
 */
public final class LocalPathWhitelist {
    private final List<Path> directories;

    public LocalPathWhitelist(Collection<String> directories) {
        this.directories = directories.stream().map(LocalPathWhitelist::resolved).toList();
    }

    /**
     * @throws LivyException 400 naming the field when a local path lies outside every whitelisted directory, or
     *                      when spark-submit would read the value as something other than one plain path
     */
    public void check(String field, String value) {
        Path path = SparkSubmitPaths.localPath(field, value);
        if (path == null) {
            return;
        }
        if (!path.isAbsolute()) {
            throw SparkSubmitPaths.refused(field, "local path", value, "must be absolute.");
        }
        Path real = resolved(path.toString());
        if (directories.stream().noneMatch(real::startsWith)) {
            throw SparkSubmitPaths.refused(field, "local path", value, "is not in a directory listed in "
                    + "livy.file.local-dir-whitelist (" + (directories.isEmpty() ? "none are listed"
                    : directories.toString()) + ").");
        }
    }

    /** Absolute, and with symbolic links followed as far as the path exists (it holds no {@code ..}). */
    private static Path resolved(String path) {
        Path normalized = Path.of(path).toAbsolutePath().normalize();
        Path existing = normalized;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return normalized;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(normalized));
        } catch (IOException e) {
            return normalized;
        }
    }
}
