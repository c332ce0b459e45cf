package dev.livy.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Spark 3.5 that {@code bin/provision-spark --spark 3.5} provisions (the build's pre-integration-test phase
 * runs it; here it only prints where), and the livy.conf entries that make it a second Spark home named "3.5".
 */
final class ProvisionedSpark {
    static final String NAME_35 = "3.5";

    private ProvisionedSpark() {
    }

    /** livy.conf entries for a server whose default Spark is the pinned 4.x and which has Spark 3.5 as "3.5". */
    static Map<String, String> withSpark35() throws IOException, InterruptedException {
        Map<String, String> spark35 = provision("--spark", "3.5");
        return Map.of("livy.server.spark.versions", NAME_35,
                "livy.server.spark." + NAME_35 + ".home", spark35.get("SPARK_HOME"),
                "livy.server.spark." + NAME_35 + ".python", spark35.get("PYSPARK_PYTHON"));
    }

    /** The lines {@code bin/provision-spark} prints, SPARK_HOME and PYSPARK_PYTHON. */
    static Map<String, String> provision(String... arguments) throws IOException, InterruptedException {
        String[] command = new String[arguments.length + 1];
        command[0] = LivyServerProcess.LIVY_HOME.resolve("bin/provision-spark").toString();
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(15, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("bin/provision-spark failed:\n" + output);
        }
        String home = null;
        String python = null;
        for (String line : output.lines().toList()) {
            if (line.startsWith("SPARK_HOME=")) {
                home = line.substring("SPARK_HOME=".length());
            } else if (line.startsWith("PYSPARK_PYTHON=")) {
                python = line.substring("PYSPARK_PYTHON=".length());
            }
        }
        if (home == null || python == null) {
            throw new IllegalStateException("bin/provision-spark printed no SPARK_HOME or PYSPARK_PYTHON:\n" + output);
        }
        return Map.of("SPARK_HOME", home, "PYSPARK_PYTHON", python);
    }
}
