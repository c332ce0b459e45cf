package dev.livy.server;

import dev.livy.server.security.SecurityHeaders;
import dev.livy.server.security.TlsSettings;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** The HTTP side: embedded Jetty serving the Jersey application. */
public final class LivyServer {
    private static final Duration HSTS_MAX_AGE = Duration.ofDays(365);
    /** Memory that bodies arriving at once may hold together, unless one body may be larger. */
    private static final long MIN_BODY_BUDGET_BYTES = 64L * 1024 * 1024;

    private final Server jetty;
    private final ServerConnector connector;

    /** Plain HTTP without authentication: for tests of the API alone. */
    public LivyServer(String host, int port, ResourceConfig application) {
        this(host, port, application, RequestBodyLimits.DEFAULT, List.of(), Optional.empty(),
                UnaryOperator.identity());
    }

    /**
     * @param bodies  the largest request body and how long it may take to arrive
     * @param filters servlet filters in the order requests pass them (authentication, CSRF), before Jersey
     * @param tls     set: HTTPS only, TLS 1.2 and 1.3, with HSTS
     * @param unauthenticated wraps the handlers that run before the filters with those that answer anyone (the
     *                public metrics); identity for none
     */
    public LivyServer(String host, int port, ResourceConfig application, RequestBodyLimits bodies,
            List<FilterHolder> filters, Optional<TlsSettings> tls, UnaryOperator<Handler> unauthenticated) {
        Objects.requireNonNull(application, "application");
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = tls.map(settings -> httpsConnector(http, settings))
                .orElseGet(() -> new ServerConnector(jetty, new HttpConnectionFactory(http)));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.setErrorHandler(new JsonErrorHandler());
        filters.forEach(filter -> context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST)));
        ServletHolder jersey = new ServletHolder(new ServletContainer(application));
        // Completion answers later, from the driver's push, without holding a request thread.
        jersey.setAsyncSupported(true);
        context.addServlet(jersey, "/*");
        jetty.setHandler(new SecurityHeaders(unauthenticated.apply(new RequestBodies(context, bodies.maxBytes(),
                bodies.timeout(), Math.max(MIN_BODY_BUDGET_BYTES, bodies.maxBytes())))));
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopAtShutdown(false);
    }

    private ServerConnector httpsConnector(HttpConfiguration http, TlsSettings settings) {
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(settings.keystore().toString());
        ssl.setKeyStoreType(settings.keystoreType());
        ssl.setKeyStorePassword(settings.keystorePassword());
        ssl.setKeyManagerPassword(settings.keyPassword());
        ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        HttpConfiguration https = new HttpConfiguration(http);
        // The host-name check is the client's; the server's certificate may name a host a proxy rewrites.
        https.addCustomizer(new SecureRequestCustomizer(false, HSTS_MAX_AGE.toSeconds(), false));
        return new ServerConnector(jetty, new SslConnectionFactory(ssl, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
    }

    /** @throws IllegalStateException naming host and port when the port is in use or the host is not ours */
    public void start() throws Exception {
        try {
            // Bound before start, which would otherwise report a bind failure as Jetty's stack trace.
            connector.open();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + connector.getHost() + ":" + connector.getPort()
                    + " (livy.server.host, livy.server.port): " + rootMessage(e), e);
        }
        jetty.start();
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public void stop() throws Exception {
        jetty.stop();
    }

    public void join() throws InterruptedException {
        jetty.join();
    }
}
