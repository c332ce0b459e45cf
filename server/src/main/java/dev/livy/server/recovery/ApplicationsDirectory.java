package dev.livy.server.recovery;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.RecoveryConfKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The server's long-lived directory (with recovery on): where each session's and batch's directory (its launch
 * conf, output and exit-code files) outlives the server, so that the next server reads them. Readable by the
 * server's user only; never removed by a server, while each application's own directory goes when the application
 * is forgotten. Stateless.
 */
public final class ApplicationsDirectory {
    private static final Set<PosixFilePermission> PRIVATE = PosixFilePermissions.fromString("rwx------");

    private ApplicationsDirectory() {
    }

    /**
     * {@code livy.server.recovery.applications-dir}, else beside the filesystem store's directory ({@code
     * <store>-applications}), else {@code state/applications} under the server's home.
     */
    public static Path of(LivyConf conf, Path livyHome) {
        Optional<String> configured = conf.get(RecoveryConfKeys.APPLICATIONS_DIR);
        if (configured.isPresent()) {
            return Path.of(configured.get()).toAbsolutePath().normalize();
        }
        Optional<String> store = conf.get(RecoveryConfKeys.STATE_STORE).equals("filesystem")
                ? conf.get(RecoveryConfKeys.STATE_STORE_URL) : Optional.empty();
        if (store.isEmpty()) {
            return livyHome.resolve("state").resolve("applications");
        }
        Path directory = (store.get().startsWith("file:") ? Path.of(URI.create(store.get())) : Path.of(store.get()))
                .toAbsolutePath().normalize();
        return directory.resolveSibling(directory.getFileName() + "-applications");
    }

    /**
     * Creates the directory (from {@link #of}) if needed, readable by the server's user only.
     *
     * @throws IllegalStateException naming the keys that placed it when it cannot be created or is not private
     */
    public static Path create(Path directory, LivyConf conf) {
        String placedBy = conf.get(RecoveryConfKeys.APPLICATIONS_DIR).isPresent()
                ? RecoveryConfKeys.APPLICATIONS_DIR.name()
                : "beside " + RecoveryConfKeys.STATE_STORE_URL.name() + " unless "
                        + RecoveryConfKeys.APPLICATIONS_DIR.name() + " is set";
        try {
            return create(directory);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("Cannot use " + directory + " as the server's long-lived directory ("
                    + placedBy + "): " + e.getMessage(), e);
        }
    }

    private static Path create(Path directory) throws IOException {
        Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PRIVATE));
        if (!Files.getPosixFilePermissions(directory).equals(PRIVATE)) {
            Files.setPosixFilePermissions(directory, PRIVATE);
        }
        return directory;
    }
}
