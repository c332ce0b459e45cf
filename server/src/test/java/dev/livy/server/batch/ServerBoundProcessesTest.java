package dev.livy.server.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchdog around a batch, run for real with this test in the server's place holding its stdin. */
class ServerBoundProcessesTest {
    /** Repeated: a watchdog that outlived a quick application once held its output open, and the reader hung. */
    @RepeatedTest(20)
    @Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void passesOutputAndTheExitCodeThroughWhileTheServerLives() throws Exception {
        Process process = new ProcessBuilder(ServerBoundProcesses.bound(
                List.of("/bin/bash", "-c", "echo RESULT 10; exit 3"))).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(process.waitFor(10, TimeUnit.SECONDS));
            assertEquals(3, process.exitValue());
            assertEquals("RESULT 10\n", output);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void endsTheWholeApplicationWhenTheServersEndOfStdinCloses() throws Exception {
        Process process = new ProcessBuilder(ServerBoundProcesses.bound(
                List.of("/bin/bash", "-c", "sleep 300 & echo $!; sleep 301"))).start();
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            ProcessHandle grandchild = ProcessHandle.of(Long.parseLong(output.readLine().strip())).orElseThrow();
            assertTrue(grandchild.isAlive());

            process.getOutputStream().close();

            assertTrue(process.waitFor(10, TimeUnit.SECONDS), "the watchdog ends spark-submit and exits");
            assertTrue(grandchild.onExit().get(10, TimeUnit.SECONDS) != null);
            assertTrue(!grandchild.isAlive(), "what spark-submit started is gone too");
        } finally {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
