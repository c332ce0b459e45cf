package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.it.LivyServerProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A cluster manager that is down when a session or a batch is submitted: a standalone master nobody listens for,
 * and a YARN whose configuration (as an operator writes it) names closed ports. Both are dead within seconds, not
 * after spark-submit's minutes of retries, with the reason in plain words in their log; the server goes on
 * answering. Needs no cluster, so it starts none.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableClusterIT {
    private static final Duration BOUND = Duration.ofSeconds(30);

    private final List<LivyServerProcess> servers = new ArrayList<>();
    private Path jobs;
    private Path program;

    @BeforeAll
    void writeProgram() throws IOException {
        jobs = Files.createTempDirectory("livy-it-unreachable-").toRealPath();
        program = Files.writeString(jobs.resolve("nothing.py"), "print('never runs')\n");
    }

    @AfterAll
    void stopServers() throws Exception {
        for (LivyServerProcess server : servers) {
            server.close();
        }
    }

    @Test
    void aStandaloneMasterThatIsDownMakesTheSessionAndTheBatchDeadWithTheReason() throws Exception {
        String master = "spark://127.0.0.1:" + closedPort();
        LivyServerProcess server = start(Map.of("livy.spark.master", master), Map.of());

        submitBothAndExpectDead(server, "the Spark master " + master + " cannot be reached (connection refused)");
    }

    @Test
    void aYarnResourceManagerThatIsDownMakesTheSessionAndTheBatchDeadWithTheReason() throws Exception {
        int web = closedPort();
        Path conf = Files.createDirectories(jobs.resolve("hadoop-conf"));
        Files.writeString(conf.resolve("yarn-site.xml"), """
                <?xml version="1.0"?>
                <configuration>
                  <property><name>yarn.resourcemanager.address</name><value>127.0.0.1:%d</value></property>
                  <property><name>yarn.resourcemanager.webapp.address</name><value>127.0.0.1:%d</value></property>
                </configuration>
                """.formatted(closedPort(), web));
        LivyServerProcess server = start(Map.of("livy.spark.master", "yarn"),
                Map.of("HADOOP_CONF_DIR", conf.toString(), "YARN_CONF_DIR", conf.toString()));

        submitBothAndExpectDead(server, "the YARN ResourceManager at http://127.0.0.1:" + web
                + " cannot be reached (connection refused)");
    }

    private void submitBothAndExpectDead(LivyServerProcess server, String reason) throws Exception {
        int session = server.http().body(Map.of("kind", "pyspark")).post("/sessions").then().statusCode(201)
                .extract().jsonPath().getInt("id");
        int batch = server.http().body(Map.of("file", program.toString())).post("/batches").then().statusCode(201)
                .extract().jsonPath().getInt("id");

        await("the session and the batch to be dead", BOUND, () -> state(server, "/sessions/" + session).equals("dead")
                && state(server, "/batches/" + batch).equals("dead"));

        for (String path : List.of("/sessions/" + session, "/batches/" + batch)) {
            List<String> log = server.http().get(path + "/log?size=-1").jsonPath().getList("log", String.class);
            assertTrue(log.contains("livy: cannot submit the application: " + reason), path + ": " + log);
            assertFalse(log.stream().anyMatch(line -> line.contains("Exception") || line.startsWith("\tat ")),
                    path + ": " + log);
        }
        assertEquals(1, server.http().get("/sessions").jsonPath().getInt("total"), "the server goes on answering");
        server.http().delete("/sessions/" + session).then().statusCode(200);
    }

    private LivyServerProcess start(Map<String, String> conf, Map<String, String> environment) throws Exception {
        Map<String, String> withJobs = new HashMap<>(conf);
        withJobs.put("livy.file.local-dir-whitelist", jobs.toString());
        LivyServerProcess server = LivyServerProcess.start(withJobs, environment);
        servers.add(server);
        return server;
    }

    private static String state(LivyServerProcess server, String path) {
        return server.http().get(path + "/state").jsonPath().getString("state");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
