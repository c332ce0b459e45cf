package dev.livy.server.error;

import java.util.Objects;

/**
 * A failure the client sees as {@code {"msg": message}} with its code's status. Thrown where the condition is
 * known (validation, the managers, the security checks) and mapped in one place ({@link ExceptionMappers}); the
 * message is for the user, in plain words.
 */
public class LivyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public LivyException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** With the cause, for the log: the client sees only the message. */
    public LivyException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public static LivyException invalid(String message) {
        return new LivyException(ErrorCode.INVALID_REQUEST, message);
    }

    public ErrorCode code() {
        return code;
    }
}
