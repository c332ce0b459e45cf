package dev.livy.common;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the SparkR package is for a Spark home, looked for in order: the home's {@code R/lib/SparkR} (the package
 * built for that Spark), its {@code R/lib/sparkr.zip} (the same package zipped, as Apache Spark distributions also
 * ship it for YARN), then the R library that {@link #LIBRARY_KEY} names (for homes that ship none, such as PyPI's
 * pyspark). Immutable.
 */
public sealed interface SparkRPackage {
    /** The server key naming an R library that holds SparkR. */
    String LIBRARY_KEY = "livy.server.sparkr.library";

    /** An R library directory that holds SparkR, ready for {@code library(SparkR, lib.loc = ...)}. */
    record InLibrary(Path library) implements SparkRPackage {
        public InLibrary {
            Objects.requireNonNull(library, "library");
        }
    }

    /** A zip of the installed package (its entries start with {@code SparkR/}), to unpack into a library first. */
    record InZip(Path archive) implements SparkRPackage {
        public InZip {
            Objects.requireNonNull(archive, "archive");
        }
    }

    /** The first place that holds SparkR, or empty when none does. */
    static Optional<SparkRPackage> find(Optional<Path> sparkHome, Optional<Path> configuredLibrary) {
        if (sparkHome.isPresent()) {
            Path homeLibrary = sparkHome.get().resolve("R").resolve("lib");
            if (holdsSparkR(homeLibrary)) {
                return Optional.of(new InLibrary(homeLibrary));
            }
            Path zip = homeLibrary.resolve("sparkr.zip");
            if (Files.isRegularFile(zip)) {
                return Optional.of(new InZip(zip));
            }
        }
        return configuredLibrary.filter(SparkRPackage::holdsSparkR).map(InLibrary::new);
    }

    private static boolean holdsSparkR(Path library) {
        return Files.isRegularFile(library.resolve("SparkR").resolve("DESCRIPTION"));
    }
}
