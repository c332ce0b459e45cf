package dev.livy.it;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Batches outlive the packaged server with recovery on (a filesystem store in a temporary directory): a SIGKILL
 * of the server, then a graceful {@code bin/livy-server stop}, each followed by a start; after one more graceful
 * stop, {@code stop --all} (which must start a server to do it) ends them. One server (restarted) and one sequence,
 * to keep the suite's time.
 */
class BatchRecoveryIT {
    private static final Duration BATCH_RUN = Duration.ofMinutes(3);
    private static final int LINES = 40;

    @Test
    void batchesSurviveACrashAndAGracefulStopAndStopAllEndsThem() throws Exception {
        Path jobs = Files.createTempDirectory("livy-it-recovery-jobs-").toRealPath();
        Path state = Files.createTempDirectory("livy-it-recovery-state-").toRealPath();
        // Half its lines, then it waits for the test (so it still runs after the restart however slow the machine
        // is), then the other half.
        Path release = jobs.resolve("release");
        Path counting = Files.writeString(jobs.resolve("counting.py"), """
                import os, time
                for i in range(%d):
                    if i == %d:
                        while not os.path.exists(%s):
                            time.sleep(0.1)
                    print("line", i, flush=True)
                    time.sleep(0.2)
                """.formatted(LINES, LINES / 2, "'" + release + "'"));
        Path quick = Files.writeString(jobs.resolve("quick.py"), """
                import time
                print("quick started", flush=True)
                time.sleep(6)
                print("quick finished", flush=True)
                """);
        Path waiting = Files.writeString(jobs.resolve("waiting.py"), """
                import time
                print("waiting started", flush=True)
                time.sleep(300)
                """);
        LivyServerProcess server = LivyServerProcess.start(Map.of(
                "livy.file.local-dir-whitelist", jobs.toString(),
                "livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", state.resolve("store").toString()));
        try {
            int longId = submit(server, counting);
            int quickId = submit(server, quick);
            await("both batches to print", BATCH_RUN, () -> log(server, longId).contains("line 1")
                    && log(server, quickId).contains("quick started"));

            server.killHard();
            await("the quick batch to end while no server runs", Duration.ofSeconds(60),
                    () -> DriverProcesses.runningWith(quick.toString()).isEmpty());
            assertFalse(DriverProcesses.runningWith(counting.toString()).isEmpty(), "the long batch runs on");
            server.restart();

            assertEquals("running", state(server, longId), "the restarted server shows it running");
            Files.createFile(release);
            await("the long batch to succeed", BATCH_RUN, () -> state(server, longId).equals("success"));
            String longLog = log(server, longId);
            IntStream.range(0, LINES).forEach(i -> assertTrue(longLog.contains("line " + i + "\n")
                    || longLog.endsWith("line " + i), "line " + i + " in:\n" + longLog));
            assertEquals("success", state(server, quickId), log(server, quickId));
            assertTrue(log(server, quickId).contains("quick finished"), log(server, quickId));

            int waitingId = submit(server, waiting);
            assertTrue(waitingId > Math.max(longId, quickId), "ids are never reused: " + waitingId);
            await("the waiting batch to print", BATCH_RUN, () -> log(server, waitingId).contains("waiting started"));

            LivyServerProcess.Result stopped = server.script("stop");
            assertEquals(0, stopped.exitCode(), stopped.output());
            assertTrue(stopped.output().contains("keep running for the next server"), stopped.output());
            assertTrue(server.serverLog().contains("keep running for the next server"), "the server log says so");
            assertFalse(DriverProcesses.runningWith(waiting.toString()).isEmpty(), "a graceful stop leaves it");
            server.restart();
            assertEquals("running", state(server, waitingId));
            assertTrue(log(server, waitingId).contains("waiting started"));

            // A plain stop again, and only then the user asks for everything to stop: no server runs to do it.
            assertEquals(0, server.script("stop").exitCode());
            assertFalse(DriverProcesses.runningWith(waiting.toString()).isEmpty(), "a graceful stop leaves it");
            LivyServerProcess.Result stoppedAll = server.script("stop", "--all");
            assertEquals(0, stoppedAll.exitCode(), stoppedAll.output());
            assertTrue(stoppedAll.output().contains("starting it to stop the sessions and batches it left running"),
                    stoppedAll.output());
            await("stop --all to end the batch", Duration.ofSeconds(30),
                    () -> DriverProcesses.runningWith(waiting.toString()).isEmpty());
            assertEquals(3, server.script("status").exitCode(), "the server it started is stopped again");
        } finally {
            server.script("stop", "--all");
            for (ProcessHandle left : DriverProcesses.runningWith(jobs.toString())) {
                left.destroyForcibly();
            }
        }
        assertEquals(List.of(), DriverProcesses.runningWith(jobs.toString()), "no process left");
    }

    /** {@code bin/livy-server start} with a livy.conf that says nothing of recovery recovers in LIVY_STATE_DIR. */
    @Test
    void theEmbeddedDefaultRecoversInTheServersStateDirectory() throws Exception {
        Path directory = Files.createTempDirectory("livy-it-embedded-").toRealPath();
        Path conf = Files.createDirectories(directory.resolve("conf"));
        Files.copy(LivyServerProcess.LIVY_HOME.resolve("conf/spark-blacklist.conf"),
                conf.resolve("spark-blacklist.conf"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Files.writeString(conf.resolve("livy.conf"), "livy.server.port = " + port + "\n");
        Map<String, String> environment = Map.of("LIVY_CONF_DIR", conf.toString(),
                "LIVY_LOG_DIR", directory.resolve("logs").toString(),
                "LIVY_PID_DIR", directory.resolve("run").toString(),
                "LIVY_STATE_DIR", directory.resolve("state").toString(), "SPARK_LOCAL_IP", "127.0.0.1");

        LivyServerProcess.Result started = LivyServerProcess.run(environment, "start");
        try {
            assertEquals(0, started.exitCode(), started.output());
            for (String part : List.of("state", "state/store", "state/applications")) {
                assertEquals("rwx------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(directory.resolve(part))), part);
            }
        } finally {
            LivyServerProcess.Result stopped = LivyServerProcess.run(environment, "stop");
            assertTrue(stopped.output().contains("keep running for the next server"), stopped.output());
        }
    }

    private static int submit(LivyServerProcess server, Path program) {
        return server.http().body(Map.of("file", program.toString())).post("/batches").then().statusCode(201)
                .extract().jsonPath().getInt("id");
    }

    private static String state(LivyServerProcess server, int id) {
        return server.http().get("/batches/" + id + "/state").jsonPath().getString("state");
    }

    private static String log(LivyServerProcess server, int id) {
        return String.join("\n", server.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }
}
