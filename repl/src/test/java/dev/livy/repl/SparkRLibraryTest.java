package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.common.SparkRPackage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkRLibraryTest {
    @TempDir
    Path root;

    @Test
    void anInstalledLibraryIsUsedWhereItIs() throws IOException {
        Path library = root.resolve("spark/R/lib");

        assertEquals(library, SparkRLibrary.prepare(new SparkRPackage.InLibrary(library), root.resolve("scratch")));
        assertFalse(Files.exists(root.resolve("scratch")));
    }

    @Test
    void sparkSZipIsUnpackedIntoTheSessionsDirectoryAsAnRLibrary() throws IOException {
        Path zip = zip(root.resolve("sparkr.zip"), Map.of("SparkR/DESCRIPTION", "Package: SparkR\n",
                "SparkR/R/SparkR", "lazy-load stub"));
        Path scratch = Files.createDirectories(root.resolve("scratch"));

        Path library = SparkRLibrary.prepare(new SparkRPackage.InZip(zip), scratch);

        assertEquals(scratch.toRealPath().resolve("sparkr-lib"), library);
        assertEquals("Package: SparkR\n", Files.readString(library.resolve("SparkR/DESCRIPTION")));
        assertEquals("lazy-load stub", Files.readString(library.resolve("SparkR/R/SparkR")));
    }

    @Test
    void aZipThatWouldWriteOutsideTheDirectoryOrHoldsNoSparkRIsRefused() throws IOException {
        Path scratch = Files.createDirectories(root.resolve("scratch"));
        Path escaping = zip(root.resolve("evil.zip"), Map.of("../../outside", "x"));
        Path other = zip(root.resolve("other.zip"), Map.of("Other/DESCRIPTION", "Package: Other\n"));

        assertEquals("sparkr.zip has an entry outside its package: ../../outside", assertThrows(IOException.class,
                () -> SparkRLibrary.prepare(new SparkRPackage.InZip(escaping), scratch)).getMessage());
        assertFalse(Files.exists(root.resolve("outside")));
        assertEquals("sparkr.zip holds no SparkR package (no SparkR/DESCRIPTION)", assertThrows(IOException.class,
                () -> SparkRLibrary.prepare(new SparkRPackage.InZip(other), Files.createDirectories(
                        root.resolve("scratch2")))).getMessage());
    }

    private static Path zip(Path file, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
        return file;
    }
}
