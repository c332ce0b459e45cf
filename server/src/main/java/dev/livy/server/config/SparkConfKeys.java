package dev.livy.server.config;

import dev.livy.common.SparkRPackage;
import java.util.List;
import java.util.Optional;

/**
 * The Spark homes part of the catalogue: further Spark installations beside the default one
 * ({@code livy.server.spark-home}), and the driver jar for Scala 2.12. Part of {@link LivyConfKeys#ALL}. Each name
 * in {@code livy.server.spark.versions} adds a dynamic family, {@code livy.server.spark.<name>.home} (required)
 * and {@code livy.server.spark.<name>.python} (optional), read by name.
 */
public final class SparkConfKeys {
    public static final ConfigKey<List<String>> SPARK_VERSIONS = new ConfigKey<>("livy.server.spark.versions", "",
            "Comma-separated names of further Spark homes besides the default one, each with its own "
                    + "livy.server.spark.<name>.home (and optionally livy.server.spark.<name>.python); a session or "
                    + "batch picks one with the request conf livy.spark.version = <name>.", ValueParsers::list);
    public static final ConfigKey<Optional<String>> REPL_JAR_SCALA_212 = new ConfigKey<>("livy.repl.scala-2.12.jar",
            "", "The REPL driver jar for Spark homes built for Scala 2.12 (Spark 3.5). Unset: "
                    + "repl-scala212/target/livy-repl_2.12.jar under the server's home.", ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> SPARKR_LIBRARY = new ConfigKey<>(SparkRPackage.LIBRARY_KEY, "",
            "An R library directory holding the SparkR package, for Spark homes that ship none in R/lib/SparkR or "
                    + "R/lib/sparkr.zip (PyPI's pyspark). Unset: SparkR only from the Spark home.",
            ValueParsers::optionalText);
    public static final List<ConfigKey<?>> ALL = List.of(SPARK_VERSIONS, REPL_JAR_SCALA_212, SPARKR_LIBRARY);

    private static final String PREFIX = "livy.server.spark.";

    private SparkConfKeys() {
    }

    /** The Spark home directory of the named Spark. */
    public static String homeKey(String name) {
        return PREFIX + name + ".home";
    }

    /** The Python that the named Spark's PySpark runs (PYSPARK_PYTHON for its drivers and batches). */
    public static String pythonKey(String name) {
        return PREFIX + name + ".python";
    }
}
