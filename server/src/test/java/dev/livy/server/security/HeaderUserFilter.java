package dev.livy.server.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * A custom authentication filter as an operator would write one: trusts the user named in the header its
 * {@code header} init parameter names, if the request also carries the shared {@code token}. Without them it
 * passes the request on unauthenticated, so the server's own check must refuse it.
 */
public final class HeaderUserFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    private String header;
    private String token;

    @Override
    public void init(FilterConfig config) throws ServletException {
        header = config.getInitParameter("header");
        token = config.getInitParameter("token");
        if (header == null || token == null) {
            throw new ServletException("header and token init parameters are required");
        }
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String user = request.getHeader(header);
        if (user == null || !token.equals(request.getHeader("X-Token"))) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            @Override
            public String getRemoteUser() {
                return user;
            }
        }, response);
    }
}
