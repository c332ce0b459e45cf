package dev.livy.server.security;

/**
 * Checks the user name and password an HTTP Basic header carries, against one credential store (an htpasswd file,
 * an LDAP directory). Implementations are thread-safe.
 */
public interface PasswordCheck {
    /**
     * True when {@code password} is {@code user}'s password; false for an unknown user or a wrong password.
     *
     * @throws CredentialStoreUnavailableException when the store cannot be asked (LDAP down, file unreadable), so
     *         that the server can answer 503 instead of pretending the password was wrong
     */
    boolean matches(String user, String password);
}
