package dev.livy.it.ui;

import dev.livy.it.LivyServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The pinned Spark as {@code bin/provision-spark} reports it: its home and the Python that has PySpark. */
record ProvisionedSpark(Path home, Path python) {

    /** Runs bin/provision-spark (idempotent: it only reports a Spark already provisioned). */
    static ProvisionedSpark get() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(LivyServerProcess.LIVY_HOME.resolve("bin/provision-spark").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("bin/provision-spark failed:\n" + output);
        }
        Map<String, String> values = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                values.put(line.substring(0, equals), line.substring(equals + 1).strip());
            }
        }
        return new ProvisionedSpark(Path.of(values.get("SPARK_HOME")), Path.of(values.get("PYSPARK_PYTHON")));
    }
}
