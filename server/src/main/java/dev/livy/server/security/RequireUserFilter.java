package dev.livy.server.security;

import dev.livy.server.error.ErrorBody;
import dev.livy.server.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Behind an authentication filter: lets a request through only if that filter named a user (as the principal
 * from then on). A custom filter that forgets to refuse a request therefore fails closed. Thread-safe.
 */
public final class RequireUserFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = request.getRemoteUser();
        if (user == null || user.isEmpty()) {
            ErrorBody.send(response, ErrorCode.AUTHENTICATION_REQUIRED, "Authentication required.");
            return;
        }
        // A custom filter may set only the remote user; Jersey reads the principal.
        chain.doFilter(request instanceof AuthenticatedRequest ? request
                : new AuthenticatedRequest(request, user, request.getAuthType()), response);
    }
}
