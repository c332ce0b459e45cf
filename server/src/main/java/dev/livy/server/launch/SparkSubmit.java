package dev.livy.server.launch;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** A spark-submit run: its argv, and the Spark properties it reads from the {@code --properties-file}. */
public record SparkSubmit(List<String> argv, Map<String, String> properties) {
    public SparkSubmit {
        argv = List.copyOf(argv);
        properties = Map.copyOf(properties);
    }

    /** Writes the properties file, readable by the server's user only: values may be secrets. */
    public void writeProperties(Path file) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties sorted = new Properties();
        sorted.putAll(new TreeMap<>(properties));
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE)) {
            sorted.store(writer, "spark-submit properties written by livy-server");
        }
    }
}
