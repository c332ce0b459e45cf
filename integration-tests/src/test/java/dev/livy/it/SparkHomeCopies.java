package dev.livy.it;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Spark homes that differ from the provisioned one only in where SparkR is: a temporary directory of links to every
 * entry of the real home but {@code R/}, so that no Spark is copied.
 */
final class SparkHomeCopies {
    private SparkHomeCopies() {
    }

    /** A home without SparkR, as PyPI's pyspark is. */
    static Path withoutR(Path sparkHome) throws IOException {
        Path copy = Files.createTempDirectory("livy-it-spark-without-r-");
        List<Path> entries;
        try (Stream<Path> list = Files.list(sparkHome)) {
            entries = list.filter(entry -> !entry.getFileName().toString().equals("R")).toList();
        }
        for (Path entry : entries) {
            Files.createSymbolicLink(copy.resolve(entry.getFileName()), entry);
        }
        return copy;
    }

    /**
     * A home whose SparkR is only {@code R/lib/sparkr.zip}, zipped from the real home's installed package the way
     * Apache Spark's build zips it (entries under {@code SparkR/}).
     */
    static Path withSparkRZipOnly(Path sparkHome) throws IOException {
        Path copy = withoutR(sparkHome);
        Path installed = sparkHome.resolve("R/lib/SparkR");
        Path zip = Files.createDirectories(copy.resolve("R/lib")).resolve("sparkr.zip");
        try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file);
                Stream<Path> walk = Files.walk(installed)) {
            for (Path path : walk.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new ZipEntry("SparkR/" + installed.relativize(path)));
                Files.copy(path, out);
                out.closeEntry();
            }
        }
        return copy;
    }

    /** Removes the links and files, never what they point to. */
    static void delete(Path copy) throws IOException {
        try (Stream<Path> walk = Files.walk(copy)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
