package dev.livy.server.ui;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web UI's static files under {@code /ui/}, read from the server jar: one flat directory of HTML, CSS and
 * JavaScript modules that talk to the public REST API, so the UI can never show more than the API would. Names
 * are matched against a strict pattern before any lookup, which rules out paths outside that directory.
 * Thread-safe: it holds no state.
 */
public final class UiServlet extends HttpServlet {
    /** Where the servlet is mapped, with the trailing slash the pages' relative links need. */
    public static final String PATH = "/ui/";
    private static final String RESOURCES = "/livy-ui/";
    private static final String INDEX = "index.html";
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*\\.(html|css|js|svg)");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html;charset=utf-8",
            "css", "text/css;charset=utf-8",
            "js", "text/javascript;charset=utf-8",
            "svg", "image/svg+xml");

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getPathInfo();
        if (path == null) {
            response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
            response.setHeader("Location", PATH);
            return;
        }
        String name = path.equals("/") ? INDEX : path.substring(1);
        Optional<byte[]> file = read(name);
        if (file.isEmpty()) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        response.setContentType(TYPES.get(name.substring(name.lastIndexOf('.') + 1)));
        response.setContentLength(file.get().length);
        response.getOutputStream().write(file.get());
    }

    private static Optional<byte[]> read(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        try (InputStream in = UiServlet.class.getResourceAsStream(RESOURCES + name)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        }
    }
}
