package dev.livy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.ServerSocket;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.jupiter.api.Test;

class LivyServerTest {

    @Test
    void aPortInUseStopsTheStartNamingHostAndPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            LivyServer server = new LivyServer("127.0.0.1", taken.getLocalPort(), new ResourceConfig());

            IllegalStateException error = assertThrows(IllegalStateException.class, server::start);

            assertEquals("Cannot listen on 127.0.0.1:" + taken.getLocalPort()
                    + " (livy.server.host, livy.server.port): Address already in use", error.getMessage());
        }
    }
}
