package dev.livy.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The README's curl walkthrough, run as written against a fresh server (only its port differs). */
class ReadmeWalkthroughIT {
    private static final String START = "<!-- walkthrough:start -->";
    private static final String END = "<!-- walkthrough:end -->";

    @Test
    void walkthroughWorksVerbatim() throws Exception {
        String readme = Files.readString(LivyServerProcess.LIVY_HOME.resolve("README.md"));
        String block = readme.substring(readme.indexOf(START) + START.length(), readme.indexOf(END));
        String script = block.substring(block.indexOf("```bash") + "```bash".length(), block.lastIndexOf("```"));

        try (LivyServerProcess server = LivyServerProcess.start()) {
            String output = runBash(script.replace("localhost:8998", "127.0.0.1:" + server.port()));

            assertTrue(output.contains("\"state\":\"starting\""), output);
            assertTrue(output.contains("\"output\":{\"status\":\"ok\",\"execution_count\":0,"
                    + "\"data\":{\"text/plain\":\"2\"}}"), output);
            assertTrue(output.trim().endsWith("{\"msg\":\"deleted\"}"), output);
        }
    }

    private static String runBash(String script) throws Exception {
        Process process = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(4, TimeUnit.MINUTES), "the walkthrough finished");
        assertEquals(0, process.exitValue(), output);
        return output;
    }
}
