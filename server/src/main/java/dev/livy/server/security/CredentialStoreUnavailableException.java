package dev.livy.server.security;

/** The credential store could not be asked; the request is refused (503), never let through. */
public final class CredentialStoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CredentialStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
