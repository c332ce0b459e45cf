package dev.livy.common.protocol;

import dev.livy.common.SessionKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;

/**
 * What the server tells a driver it launches: where to connect back, who it is, and the session secret.
 * It travels in a file only the server's user can read (never on a command line); the driver deletes the file
 * once read. The {@code settings} are typed, with their defaults in {@link DriverSettings}. A pooled driver's
 * {@code sessionId} is its pool identity, a negative number that no session has, until a session takes it.
 */
public record DriverLaunchConfig(
        int sessionId,
        String serverHost,
        int serverPort,
        String secret,
        SessionKind kind,
        DriverSettings settings) {

    public DriverLaunchConfig {
        Objects.requireNonNull(serverHost, "serverHost");
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(kind, "kind");
        settings = settings == null ? DriverSettings.DEFAULTS : settings;
    }

    /** The same driver, bound to a session: a pooled driver that a session took. */
    public DriverLaunchConfig withSessionId(int newSessionId) {
        return new DriverLaunchConfig(newSessionId, serverHost, serverPort, secret, kind, settings);
    }

    /** Writes the config to a new file readable and writable by the owner only. */
    public void writeTo(Path file) throws IOException {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, FrameCodec.mapper().writeValueAsBytes(this));
    }

    public static DriverLaunchConfig readFrom(Path file) throws IOException {
        return FrameCodec.mapper().readValue(file.toFile(), DriverLaunchConfig.class);
    }

    /** A copy safe to log. */
    @Override
    public String toString() {
        return "DriverLaunchConfig[sessionId=" + sessionId + ", server=" + serverHost + ":" + serverPort
                + ", kind=" + kind + ", settings=" + settings + "]";
    }
}
