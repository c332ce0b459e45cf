package dev.livy.server.security;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The keystore the HTTPS connector serves from ({@code livy.keystore*}). {@link #toString()} never shows the
 * passwords.
 */
public record TlsSettings(Path keystore, String keystorePassword, String keyPassword, String keystoreType) {
    public TlsSettings {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        Objects.requireNonNull(keyPassword, "keyPassword");
        Objects.requireNonNull(keystoreType, "keystoreType");
    }

    @Override
    public String toString() {
        return "TlsSettings[keystore=" + keystore + ", keystoreType=" + keystoreType + ", passwords=*********]";
    }
}
