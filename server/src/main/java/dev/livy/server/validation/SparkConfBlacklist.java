package dev.livy.server.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Spark conf keys users may not set (conf/spark-blacklist.conf: one key a line, # comments). Immutable. */
public final class SparkConfBlacklist {
    private final Set<String> keys;

    public SparkConfBlacklist(Collection<String> keys) {
        this.keys = Set.copyOf(keys);
    }

    /** Reads the file; a missing file still forbids {@code spark.master} and {@code spark.submit.deployMode}. */
    public static SparkConfBlacklist load(Path file) throws IOException {
        Set<String> keys = new TreeSet<>(List.of("spark.master", "spark.submit.deployMode"));
        if (Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String key = line.strip();
                if (!key.isEmpty() && !key.startsWith("#")) {
                    keys.add(key);
                }
            }
        }
        return new SparkConfBlacklist(keys);
    }

    /** The blacklisted keys among these, sorted. */
    public List<String> violations(Collection<String> confKeys) {
        return new TreeSet<>(confKeys).stream().filter(keys::contains).toList();
    }
}
