package dev.livy.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The server's configuration: livy.conf values over the catalogue's defaults, every value parsed once at start so
 * that a bad value stops the server with a message naming the key. Immutable and thread-safe.
 */
public final class LivyConf {
    private final Map<String, String> values;
    private final Map<ConfigKey<?>, Object> parsed = new HashMap<>();

    public LivyConf(Map<String, String> values) {
        this.values = Map.copyOf(values);
        for (ConfigKey<?> key : LivyConfKeys.ALL) {
            parsed.put(key, key.parse(this.values.getOrDefault(key.name(), key.defaultText())));
        }
    }

    /** Reads {@code livy.conf} from the directory; a missing file means all defaults. */
    public static LivyConf load(Path confDir) throws IOException {
        Path file = confDir.resolve("livy.conf");
        Map<String, String> values = new HashMap<>();
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        }
        return new LivyConf(values);
    }

    @SuppressWarnings("unchecked")
    public <T> T get(ConfigKey<T> key) {
        if (!parsed.containsKey(key)) {
            throw new IllegalArgumentException("Configuration key " + key.name() + " is not in the catalogue");
        }
        return (T) parsed.get(key);
    }

    /** The keys set in livy.conf, for a start-up warning about keys the server does not know. */
    public Map<String, String> rawValues() {
        return values;
    }
}
