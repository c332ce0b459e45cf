package dev.livy.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Headers on every answer, errors included: no MIME sniffing, no framing, a content security policy that lets a
 * page load nothing but itself, and no caching of answers that may carry code or results. HSTS is added by the TLS
 * connector. Thread-safe.
 */
public final class SecurityHeadersFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    /** Also on the answers Jetty gives itself, before any filter runs (a malformed request). */
    public static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-store");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HEADERS.forEach(response::setHeader);
        chain.doFilter(request, response);
    }
}
