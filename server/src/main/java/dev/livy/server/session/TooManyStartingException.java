package dev.livy.server.session;

/** A create was refused because {@code livy.server.session.max-creation} sessions are starting already. */
public final class TooManyStartingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyStartingException(int maxStarting) {
        super("Too many sessions are starting: at most " + maxStarting
                + " may start at once (livy.server.session.max-creation); retry when one is ready.", null, false,
                false);
    }
}
