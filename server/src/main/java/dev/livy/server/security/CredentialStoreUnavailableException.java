package dev.livy.server.security;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;

/** The credential store could not be asked; the request is refused (503), never let through. */
public final class CredentialStoreUnavailableException extends LivyException {
    private static final long serialVersionUID = 1L;

    public CredentialStoreUnavailableException(String message, Throwable cause) {
        super(ErrorCode.CREDENTIAL_STORE_UNAVAILABLE, message, cause);
    }
}
