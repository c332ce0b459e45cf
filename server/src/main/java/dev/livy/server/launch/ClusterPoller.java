package dev.livy.server.launch;

/**
 * The one thread a cluster manager follows all of its applications with (YARN's ResourceManager, a standalone
 * master): started with the server, closed with it.
 */
public interface ClusterPoller extends AutoCloseable {
    void start();

    @Override
    void close();
}
