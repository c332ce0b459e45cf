package dev.livy.server.security;

import dev.livy.server.error.ErrorBody;
import dev.livy.server.error.ErrorCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Livy's CSRF protection: a state-changing request must carry an {@code X-Requested-By} header, which a browser
 * cannot add to a cross-site form post. Thread-safe.
 */
public final class CsrfFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final String HEADER = "X-Requested-By";
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (STATE_CHANGING.contains(request.getMethod()) && request.getHeader(HEADER) == null) {
            ErrorBody.send(response, ErrorCode.INVALID_REQUEST,
                    "Missing Required Header for CSRF protection: " + HEADER + ".");
            return;
        }
        chain.doFilter(request, response);
    }
}
