package dev.livy.server.spark;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Spark homes for tests: a default Spark 4.3.0 and a Spark 3.5.9 named "3.5", at paths nothing reads. */
public final class TestSparkHomes {
    public static final Path DEFAULT_HOME = Path.of("/opt/spark-4");
    public static final Path HOME_35 = Path.of("/opt/spark-3.5");
    public static final Path JAR_213 = Path.of("/opt/livy/livy-repl.jar");
    public static final Path JAR_212 = Path.of("/opt/livy/livy-repl_2.12.jar");

    private TestSparkHomes() {
    }

    /** One Spark, as a server without livy.server.spark.versions has. */
    public static SparkHomes one(Path sparkHome, Path replJar) {
        return new SparkHomes(new SparkHome(SparkHome.DEFAULT_NAME, new SparkInstallation(sparkHome, "4.3.0", "2.13"),
                replJar, Map.of("SPARK_HOME", sparkHome.toString())), List.of());
    }

    public static SparkHomes twoHomes() {
        return new SparkHomes(
                new SparkHome(SparkHome.DEFAULT_NAME, new SparkInstallation(DEFAULT_HOME, "4.3.0", "2.13"), JAR_213,
                        Map.of("SPARK_HOME", DEFAULT_HOME.toString())),
                List.of(new SparkHome("3.5", new SparkInstallation(HOME_35, "3.5.9", "2.12"), JAR_212,
                        Map.of("SPARK_HOME", HOME_35.toString(), "PYSPARK_PYTHON", "/opt/venv-3.5/bin/python"))));
    }
}
