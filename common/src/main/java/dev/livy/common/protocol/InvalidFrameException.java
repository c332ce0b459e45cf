package dev.livy.common.protocol;

import java.io.IOException;

/** The peer sent a frame that breaks the protocol: a length out of bounds, or a body that is no message. */
public final class InvalidFrameException extends IOException {
    private static final long serialVersionUID = 1L;

    public InvalidFrameException(String message) {
        super(message);
    }
}
