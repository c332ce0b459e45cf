package dev.livy.server.recovery;

import java.io.IOException;

/** Another server holds the state store: this one must not start on it. The message names the holder. */
public final class StoreLockedException extends IOException {
    private static final long serialVersionUID = 1L;

    public StoreLockedException(String message) {
        super(message);
    }
}
