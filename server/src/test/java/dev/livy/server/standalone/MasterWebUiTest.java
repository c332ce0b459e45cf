package dev.livy.server.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.livy.server.launch.FakeProcessLauncher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The master's and a worker's web UI as real HTTP servers on loopback answer them (Spark's paths and bodies), and
 * the kill command the server runs.
 */
class MasterWebUiTest {
    private HttpServer standby;
    private HttpServer active;

    @AfterEach
    void stop() {
        standby.stop(0);
        active.stop(0);
    }

    @Test
    void theActiveOfSeveralMastersIsReadAndAWorkersLogLosesItsHeader() throws Exception {
        standby = serve(Map.of("/json/", "{\"status\":\"STANDBY\",\"activedrivers\":[],\"completeddrivers\":[]}"));
        active = serve(Map.of("/json/", "{\"status\":\"ALIVE\",\"activedrivers\":["
                + "{\"id\":\"driver-20261207001500-0003\",\"state\":\"RUNNING\",\"worker\":\"worker-1\"}],"
                + "\"completeddrivers\":[],\"workers\":[]}",
                "/log/", "==== Bytes 0-40 of 40 of /work/driver-20261207001500-0003/stderr ====\nline one\nline two"));
        MasterWebUi webUi = new MasterWebUi(List.of(address(standby), address(active)));

        MasterState state = webUi.state();

        assertTrue(state.isActive());
        assertEquals(Optional.of(new StandaloneDriver("driver-20261207001500-0003", "RUNNING", "worker-1")),
                state.driver("driver-20261207001500-0003"));
        assertEquals(List.of("line one", "line two"),
                webUi.driverStderrTail(address(active).toString(), "driver-20261207001500-0003"));
    }

    @Test
    void aDriverIsKilledBySparksOwnClientThroughTheMastersPort() throws Exception {
        standby = serve(Map.of());
        active = serve(Map.of());
        FakeProcessLauncher processes = new FakeProcessLauncher();

        new DriverKillCommand(Path.of("/opt/spark"), Map.of("SPARK_HOME", "/opt/spark"), "spark://master:7077",
                processes).kill("driver-20261207001500-0003");

        assertEquals(List.of("/opt/spark/bin/spark-class", "org.apache.spark.deploy.Client", "kill",
                "spark://master:7077", "driver-20261207001500-0003"), processes.launched().get(0).argv());
        assertEquals(Map.of("SPARK_HOME", "/opt/spark"), processes.launched().get(0).extraEnvironment());
    }

    private static HttpServer serve(Map<String, String> bodies) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bodies.forEach((path, body) -> server.createContext(path, exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }));
        server.start();
        return server;
    }

    private static URI address(HttpServer server) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }
}
