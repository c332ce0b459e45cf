package dev.livy.server.security;

import dev.livy.server.error.ErrorBody;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.util.LogText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP Basic authentication (RFC 7617) against a {@link PasswordCheck}: a request without valid credentials gets
 * 401 with {@code WWW-Authenticate: Basic}; one whose store cannot be asked gets 503. Never logs a password.
 * Thread-safe.
 */
public final class BasicAuthenticationFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(BasicAuthenticationFilter.class);
    private static final String PREFIX = "basic ";
    static final String CHALLENGE = "Basic realm=\"Livy\", charset=\"UTF-8\"";

    private final transient PasswordCheck passwords;

    public BasicAuthenticationFilter(PasswordCheck passwords) {
        this.passwords = Objects.requireNonNull(passwords, "passwords");
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String header = request.getHeader("Authorization");
        if (header == null || header.length() <= PREFIX.length()
                || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            challenge(response, "Authentication required: send HTTP Basic credentials.");
            return;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(PREFIX.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            challenge(response, "Malformed HTTP Basic credentials.");
            return;
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            challenge(response, "Malformed HTTP Basic credentials.");
            return;
        }
        String user = decoded.substring(0, colon);
        boolean matches;
        try {
            matches = passwords.matches(user, decoded.substring(colon + 1));
        } catch (CredentialStoreUnavailableException e) {
            LOG.warn("Cannot check the credentials of {}: {}", LogText.escape(user), LogText.escape(e.getMessage()));
            ErrorBody.send(response, e.code(),
                    "Cannot check credentials now: the credential store is unavailable.");
            return;
        }
        if (!matches) {
            LOG.info("Authentication failed for user {} from {}", LogText.escape(user), request.getRemoteAddr());
            challenge(response, "Invalid user name or password.");
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, user, HttpServletRequest.BASIC_AUTH), response);
    }

    private static void challenge(HttpServletResponse response, String message) throws IOException {
        response.setHeader("WWW-Authenticate", CHALLENGE);
        ErrorBody.send(response, ErrorCode.AUTHENTICATION_REQUIRED, message);
    }
}
