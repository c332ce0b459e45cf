package dev.livy.server.validation;

import dev.livy.server.api.ApiException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The local directories ({@code livy.file.local-dir-whitelist}) from which requests may name files. A path with no
 * scheme, {@code file:} or {@code local:} is local and must lie, after {@code ..} and symbolic links are resolved,
 * inside one of them; other schemes ({@code hdfs:}, {@code s3a:}, {@code http:}...) are Spark's business and pass.
 * Immutable.
 */
public final class LocalPathWhitelist {
    private static final Set<String> LOCAL_SCHEMES = Set.of("file", "local");

    private final List<Path> directories;

    public LocalPathWhitelist(Collection<String> directories) {
        this.directories = directories.stream().map(LocalPathWhitelist::resolved).toList();
    }

    /** @throws ApiException 400 naming the field when a local path lies outside every whitelisted directory */
    public void check(String field, String value) {
        Path path = localPath(field, value);
        if (path == null) {
            return;
        }
        if (!path.isAbsolute()) {
            throw ApiException.badRequest("Field '" + field + "': local path '" + value + "' must be absolute.");
        }
        Path real = resolved(path.toString());
        if (directories.stream().noneMatch(real::startsWith)) {
            throw ApiException.badRequest("Field '" + field + "': local path '" + value
                    + "' is not in a directory listed in livy.file.local-dir-whitelist ("
                    + (directories.isEmpty() ? "none are listed" : directories.toString()) + ").");
        }
    }

    /** The local path a value names, or null when it names a remote resource. */
    private static Path localPath(String field, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            return Path.of(value);
        }
        if (uri.getScheme() == null) {
            return Path.of(uri.getPath() == null ? value : uri.getPath());
        }
        if (!LOCAL_SCHEMES.contains(uri.getScheme())) {
            return null;
        }
        if (uri.getPath() == null || uri.getPath().isEmpty()) {
            throw ApiException.badRequest("Field '" + field + "': '" + value + "' names no path.");
        }
        return Path.of(uri.getPath());
    }

    /** Absolute, without {@code ..}, and with symbolic links followed as far as the path exists. */
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
