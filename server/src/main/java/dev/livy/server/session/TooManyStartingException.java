package dev.livy.server.session;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;

/** A create was refused because {@code livy.server.session.max-creation} sessions are starting already. */
public final class TooManyStartingException extends LivyException {
    private static final long serialVersionUID = 1L;

    TooManyStartingException(int maxStarting) {
        super(ErrorCode.TOO_MANY_STARTING, "Too many sessions are starting: at most " + maxStarting
                + " may start at once (livy.server.session.max-creation); retry when one is ready.");
    }
}
