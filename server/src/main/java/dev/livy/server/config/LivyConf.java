package dev.livy.server.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
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

    /**
     * Reads {@code livy.conf} from the directory; a missing file means all defaults.
     *
     * @throws IllegalArgumentException naming the file when it exists but cannot be read: starting on defaults
     *                                  instead would quietly drop the operator's settings, security ones included
     */
    public static LivyConf load(Path confDir) {
        Path file = confDir.resolve("livy.conf");
        if (Files.notExists(file)) {
            return new LivyConf(Map.of());
        }
        if (Files.isDirectory(file)) {
            throw unreadable(file, "it is a directory");
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied");
        } catch (FileSystemException e) {
            throw unreadable(file, e.getReason() == null ? e.toString() : e.getReason());
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e.getMessage());
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return new LivyConf(values);
    }

    private static IllegalArgumentException unreadable(Path file, String reason) {
        return new IllegalArgumentException("Cannot read the configuration file " + file + ": " + reason);
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
