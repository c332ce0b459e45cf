package dev.livy.server.security;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;

/** A user asked to act as another without being a superuser: 403 with Livy's message. */
public final class ImpersonationRefusedException extends LivyException {
    private static final long serialVersionUID = 1L;

    public ImpersonationRefusedException(String requester, String requested) {
        super(ErrorCode.ACCESS_DENIED, requester == null
                ? "Anonymous requests may not impersonate '" + requested + "'; impersonation needs authentication."
                : "User '" + requester + "' not allowed to impersonate '" + requested + "'.");
    }
}
