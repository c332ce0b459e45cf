package dev.livy.server;

import java.util.Objects;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.servlet.ServletContainer;

/** The HTTP side: embedded Jetty serving the Jersey application. */
public final class LivyServer {
    private final Server jetty;
    private final ServerConnector connector;

    public LivyServer(String host, int port, ResourceConfig application) {
        Objects.requireNonNull(application, "application");
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("http");
        jetty = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        connector = new ServerConnector(jetty, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder jersey = new ServletHolder(new ServletContainer(application));
        // Completion answers later, from the driver's push, without holding a request thread.
        jersey.setAsyncSupported(true);
        context.addServlet(jersey, "/*");
        jetty.setHandler(context);
        jetty.setErrorHandler(new JsonErrorHandler());
        jetty.setStopAtShutdown(false);
    }

    public void start() throws Exception {
        jetty.start();
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
