package dev.livy.server.standalone;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Whether a standalone master can take an application, asked of real sockets on loopback. */
class StandaloneClusterManagerTest {

    @Test
    void aMasterNobodyListensForCannotBeReached() throws Exception {
        String master = "spark://127.0.0.1:" + closedPort();

        IOException refused = assertThrows(IOException.class,
                () -> new StandaloneClusterManager(master).checkReachable());

        assertEquals("the Spark master " + master + " cannot be reached (connection refused)", refused.getMessage());
    }

    @Test
    void oneListeningMasterOfSeveralIsEnough() throws Exception {
        try (ServerSocket listening = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String master = "spark://127.0.0.1:" + closedPort() + ",127.0.0.1:" + listening.getLocalPort();

            assertDoesNotThrow(() -> new StandaloneClusterManager(master).checkReachable());
        }
    }

    @Test
    void anUnknownHostIsSaidInWords() {
        IOException unknown = assertThrows(IOException.class,
                () -> new StandaloneClusterManager("spark://no-such-host.invalid:7077").checkReachable());

        assertEquals("the Spark master spark://no-such-host.invalid:7077 cannot be reached (unknown host "
                + "no-such-host.invalid)", unknown.getMessage());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
