package dev.livy.repl;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;

/** How the Python interpreter is started: which executable, and the environment pyspark needs. */
final class PythonEnvironment {
    private PythonEnvironment() {
    }

    /**
     * {@code spark.pyspark.driver.python}, {@code spark.pyspark.python}, {@code PYSPARK_DRIVER_PYTHON},
     * {@code PYSPARK_PYTHON}, else {@code python3}.
     */
    static String executable(SparkConf conf) {
        return firstSet(conf.get("spark.pyspark.driver.python", null), conf.get("spark.pyspark.python", null),
                System.getenv("PYSPARK_DRIVER_PYTHON"), System.getenv("PYSPARK_PYTHON"), "python3");
    }

    static Map<String, String> variables(int gatewayPort, String gatewaySecret, SparkConf conf) throws IOException {
        Map<String, String> variables = new HashMap<>();
        variables.put("PYSPARK_GATEWAY_PORT", Integer.toString(gatewayPort));
        variables.put("PYSPARK_GATEWAY_SECRET", gatewaySecret);
        variables.put("PYSPARK_PIN_THREAD", "true");
        variables.put("PYTHONUNBUFFERED", "1");
        // Python workers (rdd.map with a lambda) run the same executable as the driver-side interpreter.
        String workerPython = firstSet(conf.get("spark.pyspark.python", null), System.getenv("PYSPARK_PYTHON"),
                executable(conf));
        variables.put("PYSPARK_PYTHON", workerPython);
        List<String> path = new ArrayList<>(sparkPythonPath());
        String existing = System.getenv("PYTHONPATH");
        if (existing != null && !existing.isEmpty()) {
            path.add(existing);
        }
        if (!path.isEmpty()) {
            variables.put("PYTHONPATH", String.join(File.pathSeparator, path));
        }
        return variables;
    }

    /** The pyspark and py4j archives of the Spark home, as Spark itself puts them on the Python path. */
    private static List<String> sparkPythonPath() throws IOException {
        String sparkHome = System.getenv("SPARK_HOME");
        if (sparkHome == null) {
            return List.of();
        }
        Path lib = Path.of(sparkHome, "python", "lib");
        if (!Files.isDirectory(lib)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(lib)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".zip")).sorted()
                    .map(Path::toString).toList();
        }
    }

    private static String firstSet(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        throw new IllegalStateException("no value");
    }
}
