package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A server killed with SIGKILL while a batch runs: the batch's processes end on their own within a bounded time,
 * and the next server started with the same temporary directory removes the dead server's work directory (with
 * its private properties files) and leaves a running server's alone.
 */
class ServerCrashIT {
    @Test
    void aKilledServersBatchEndsAndTheNextServerRemovesItsWorkDirectoryOnly() throws Exception {
        Path jobs = Files.createTempDirectory("livy-it-jobs-").toRealPath();
        Path temporary = Files.createTempDirectory("livy-it-tmp-").toRealPath();
        Map<String, String> conf = Map.of("livy.file.local-dir-whitelist", jobs.toString());
        Map<String, String> environment = Map.of("LIVY_SERVER_JAVA_OPTS",
                "-Xms64m -Xmx512m -XX:+UseSerialGC -Djava.io.tmpdir=" + temporary);
        Path program = Files.writeString(jobs.resolve("orphan.py"), """
                import time
                print("STARTED", flush=True)
                time.sleep(3600)
                """);
        Path running = Files.createDirectory(temporary.resolve("livy-server-running"));
        Files.writeString(running.resolve("owner"), ProcessHandle.current().pid() + " "
                + ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli() + "\n");

        LivyServerProcess crashed = LivyServerProcess.start(conf, environment);
        Path crashedWork;
        try {
            int id = crashed.http().body(Map.of("file", program.toString())).post("/batches").then()
                    .statusCode(201).extract().jsonPath().getInt("id");
            await("the batch to start", Duration.ofMinutes(3), () -> String.join("\n", crashed.http()
                    .get("/batches/" + id + "/log?size=-1").jsonPath().getList("log", String.class))
                    .contains("STARTED"));
            crashedWork = single(serverDirectories(temporary));
            assertTrue(Files.exists(crashedWork.resolve("batch-" + id + "/spark-submit.conf")));

            crashed.killHard();

            await("the batch's processes to end", Duration.ofSeconds(30),
                    () -> DriverProcesses.runningWith(program.toString()).isEmpty());
        } finally {
            crashed.close();
        }
        assertTrue(Files.isDirectory(crashedWork), "nothing cleaned up after the crash");

        LivyServerProcess next = LivyServerProcess.start(conf, environment);
        try {
            List<Path> left = serverDirectories(temporary);
            assertTrue(!left.contains(crashedWork), "the dead server's work directory is gone: " + left);
            assertTrue(left.contains(running), "a running server's directory stays: " + left);
            assertEquals(2, left.size(), "the new server's own and the running one's: " + left);
        } finally {
            next.close();
        }
        assertEquals(List.of(running), serverDirectories(temporary), "a stopped server removes its own");
    }

    private static List<Path> serverDirectories(Path temporary) throws Exception {
        try (Stream<Path> files = Files.list(temporary)) {
            return files.filter(file -> file.getFileName().toString().startsWith("livy-server-")).toList();
        }
    }

    private static Path single(List<Path> directories) {
        List<Path> others = directories.stream()
                .filter(directory -> !directory.getFileName().toString().equals("livy-server-running")).toList();
        assertEquals(1, others.size(), others.toString());
        return others.get(0);
    }
}
