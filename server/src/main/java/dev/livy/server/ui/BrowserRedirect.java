package dev.livy.server.ui;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;

/**
 * Sends a browser that opens {@code /} to the web UI, while API clients asking {@code /} for JSON (or for
 * anything, as curl does) keep the JSON answer. A browser names {@code text/html} in its {@code Accept} header;
 * it is redirected when it prefers HTML at least as much as JSON. Thread-safe: it holds no state.
 */
public final class BrowserRedirect extends HttpFilter {
    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getMethod().equals("GET") && request.getRequestURI().equals("/")
                && prefersHtml(request.getHeader("Accept"))) {
            response.setStatus(HttpServletResponse.SC_SEE_OTHER);
            response.setHeader("Location", UiServlet.PATH);
            return;
        }
        chain.doFilter(request, response);
    }

    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        double html = 0;
        double json = 0;
        for (String range : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip();
            double quality = quality(parts);
            if (type.equals("text/html")) {
                html = Math.max(html, quality);
            } else if (type.equals("application/json")) {
                json = Math.max(json, quality);
            }
        }
        return html > 0 && html >= json;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].strip();
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }
}
