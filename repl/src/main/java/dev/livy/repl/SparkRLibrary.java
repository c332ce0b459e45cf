package dev.livy.repl;

import dev.livy.common.SparkRPackage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The R library the driver's R loads SparkR from. A Spark home that ships SparkR only as {@code R/lib/sparkr.zip}
 * has it unpacked into the R process's own private directory, which goes with the session; R cannot load a package
 * from a zip. Stateless.
 */
final class SparkRLibrary {
    private SparkRLibrary() {
    }

    /**
     * @param privateDirectory a directory only this user can read, where a zip is unpacked
     * @return the R library directory that holds SparkR
     * @throws IOException when the zip cannot be read or an entry would land outside the directory
     */
    static Path prepare(SparkRPackage found, Path privateDirectory) throws IOException {
        if (found instanceof SparkRPackage.InZip zipped) {
            return unpack(zipped.archive(), privateDirectory.resolve("sparkr-lib"));
        }
        return ((SparkRPackage.InLibrary) found).library();
    }

    private static Path unpack(Path archive, Path library) throws IOException {
        Path root = Files.createDirectories(library).toRealPath();
        try (InputStream file = Files.newInputStream(archive); ZipInputStream zip = new ZipInputStream(file)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                Path target = root.resolve(entry.getName()).normalize();
                if (!target.startsWith(root) || target.equals(root)) {
                    throw new IOException("sparkr.zip has an entry outside its package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.copy(zip, target);
            }
        }
        if (!Files.isRegularFile(root.resolve("SparkR").resolve("DESCRIPTION"))) {
            throw new IOException("sparkr.zip holds no SparkR package (no SparkR/DESCRIPTION)");
        }
        return root;
    }
}
