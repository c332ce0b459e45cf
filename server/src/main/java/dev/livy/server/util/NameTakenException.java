package dev.livy.server.util;

/**
 * A create named a session or batch with a name another one holds. The message is the same whoever holds the
 * name, so it tells a user nothing about sessions they may not see.
 */
public final class NameTakenException extends RuntimeException {
    public NameTakenException(String what, String name) {
        super(what + " name '" + name + "' is not available.");
    }
}
