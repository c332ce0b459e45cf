package dev.livy.it;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bin/livy-server as an operator uses it. */
class ServerScriptIT {

    @Test
    void startStatusStop() throws Exception {
        LivyServerProcess server = LivyServerProcess.start();
        try {
            LivyServerProcess.Result status = server.script("status");
            assertEquals(0, status.exitCode(), status.output());
            assertTrue(status.output().startsWith("livy-server is running (pid "), status.output());
            assertEquals(1, server.script("start").exitCode(), "a second start refuses");
            server.http().get("/version").then().statusCode(200).body("version", equalTo("0.9.0"));
            try (var logs = Files.list(server.logDirectory())) {
                for (Path log : logs.toList()) {
                    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)),
                            log + " is readable by the server's user only");
                }
            }
        } finally {
            server.close();
        }
        LivyServerProcess.Result stopped = server.script("status");
        assertEquals(3, stopped.exitCode(), stopped.output());
        assertEquals(0, server.script("stop").exitCode(), "stopping a stopped server is fine");
    }

    @Test
    void refusesASparkHomeWithoutSpark() throws Exception {
        Path directory = Files.createTempDirectory("livy-it-nospark-");
        Map<String, String> environment = new HashMap<>();
        environment.put("LIVY_CONF_DIR", Files.createDirectories(directory.resolve("conf")).toString());
        environment.put("LIVY_LOG_DIR", directory.resolve("logs").toString());
        environment.put("SPARK_HOME", directory.resolve("no-spark-here").toString());
        environment.put("LIVY_START_TIMEOUT", "60");

        LivyServerProcess.Result result = LivyServerProcess.run(environment, "start");

        assertEquals(1, result.exitCode(), result.output());
        assertTrue(result.output().contains("No executable spark-submit at " + directory.resolve("no-spark-here")),
                result.output());
    }
}
