package dev.livy.server.util;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;

/**
 * A create named a session or batch with a name another one holds. The message is the same whoever holds the
 * name, so it tells a user nothing about sessions they may not see.
 */
public final class NameTakenException extends LivyException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String what, String name) {
        super(ErrorCode.INVALID_REQUEST, what + " name '" + name + "' is not available.");
    }
}
