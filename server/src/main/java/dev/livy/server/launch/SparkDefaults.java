package dev.livy.server.launch;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The installation's {@code spark-defaults.conf} ({@code $SPARK_CONF_DIR}, else {@code $SPARK_HOME/conf}), read as
 * spark-submit reads it. spark-submit skips it when given a properties file, so the server merges it in.
 */
public final class SparkDefaults {
    private SparkDefaults() {
    }

    /** The defaults, or none when the file does not exist. */
    public static Map<String, String> load(Path sparkHome, Map<String, String> environment) throws IOException {
        String confDir = environment.get("SPARK_CONF_DIR");
        Path file = (confDir == null || confDir.isBlank() ? sparkHome.resolve("conf") : Path.of(confDir))
                .resolve("spark-defaults.conf");
        Map<String, String> defaults = new HashMap<>();
        if (!Files.isRegularFile(file)) {
            return defaults;
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        properties.stringPropertyNames().forEach(key -> defaults.put(key, properties.getProperty(key).strip()));
        return defaults;
    }
}
