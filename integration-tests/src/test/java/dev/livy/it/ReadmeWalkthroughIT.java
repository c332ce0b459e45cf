package dev.livy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's curl walkthroughs, run as written against a fresh server (only its port differs). */
class ReadmeWalkthroughIT {

    @Test
    void sessionWalkthroughWorksVerbatim() throws Exception {
        try (LivyServerProcess server = LivyServerProcess.start()) {
            String output = runBash(block("walkthrough"), server);

            assertTrue(output.contains("\"state\":\"starting\""), output);
            assertTrue(output.contains("\"output\":{\"status\":\"ok\",\"execution_count\":0,"
                    + "\"data\":{\"text/plain\":\"2\"}}"), output);
            assertTrue(output.trim().endsWith("{\"msg\":\"deleted\"}"), output);
        }
    }

    /** With the whitelist line the README tells users to add to livy.conf. */
    @Test
    void batchWalkthroughWorksVerbatim() throws Exception {
        try (LivyServerProcess server = LivyServerProcess.start(
                Map.of("livy.file.local-dir-whitelist", "/tmp/livy-jobs"))) {
            String output = runBash(block("batch-walkthrough"), server);

            assertTrue(output.contains("\"state\":\"starting\""), output);
            assertTrue(output.contains("{\"id\":0,\"state\":\"success\"}"), output);
            assertTrue(output.contains("Pi is roughly 3.1"), output);
        }
    }

    private static String block(String name) throws Exception {
        String readme = Files.readString(LivyServerProcess.LIVY_HOME.resolve("README.md"));
        String start = "<!-- " + name + ":start -->";
        String block = readme.substring(readme.indexOf(start) + start.length(),
                readme.indexOf("<!-- " + name + ":end -->"));
        return block.substring(block.indexOf("```bash") + "```bash".length(), block.lastIndexOf("```"));
    }

    private static String runBash(String script, LivyServerProcess server) throws Exception {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c",
                script.replace("localhost:8998", "127.0.0.1:" + server.port())).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(4, TimeUnit.MINUTES), "the walkthrough finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
