package dev.livy.it.ui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * A Spark home that is the real one but for its {@code spark-submit}: applications whose name starts with
 * {@link #CHEAP_PREFIX} are refused at once (no JVM starts), every other runs on the real Spark. This lets one
 * server list 150 sessions, dead within milliseconds, beside one real session.
 */
public final class RefusingSparkHome {
    public static final String CHEAP_PREFIX = "cheap-";

    private RefusingSparkHome() {
    }

    /** Links every entry of {@code realHome} into a new directory under {@code parent}, spark-submit replaced. */
    public static Path create(Path realHome, Path parent) throws IOException {
        Path home = Files.createDirectories(parent.resolve("refusing-spark-home"));
        Path bin = Files.createDirectories(home.resolve("bin"));
        try (Stream<Path> entries = Files.list(realHome)) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("bin")) {
                    Files.createSymbolicLink(home.resolve(entry.getFileName()), entry);
                }
            }
        }
        try (Stream<Path> entries = Files.list(realHome.resolve("bin"))) {
            for (Path entry : entries.toList()) {
                if (!entry.getFileName().toString().equals("spark-submit")) {
                    Files.createSymbolicLink(bin.resolve(entry.getFileName()), entry);
                }
            }
        }
        Path sparkSubmit = bin.resolve("spark-submit");
        Files.writeString(sparkSubmit, """
                #!/bin/sh
                for argument in "$@"; do
                  case "$argument" in
                    %s*) echo "refused by the test's spark-submit: $argument"; exit 1 ;;
                  esac
                done
                exec '%s' "$@"
                """.formatted(CHEAP_PREFIX, realHome.resolve("bin/spark-submit")), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(sparkSubmit, PosixFilePermissions.fromString("rwx------"));
        return home;
    }
}
