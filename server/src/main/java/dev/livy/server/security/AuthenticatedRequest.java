package dev.livy.server.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Objects;

/** The request as seen after authentication: {@code getRemoteUser()} and the principal name the user. */
final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final String user;
    private final String authType;

    AuthenticatedRequest(HttpServletRequest request, String user, String authType) {
        super(request);
        this.user = Objects.requireNonNull(user, "user");
        this.authType = authType;
    }

    @Override
    public String getRemoteUser() {
        return user;
    }

    @Override
    public Principal getUserPrincipal() {
        return () -> user;
    }

    @Override
    public String getAuthType() {
        return authType;
    }
}
