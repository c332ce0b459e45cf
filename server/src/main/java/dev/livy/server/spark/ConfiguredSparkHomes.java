package dev.livy.server.spark;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import dev.livy.server.config.SparkConfKeys;
import dev.livy.server.launch.ProcessLauncher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the Spark homes from livy.conf and checks each one at start ({@code spark-submit --version}), with the
 * driver jar for its Scala version. Fails with a message for the operator when one is missing or unsupported.
 */
public final class ConfiguredSparkHomes {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private ConfiguredSparkHomes() {
    }

    /** @param livyHome where the default driver jars are ({@code repl/target}, {@code repl-scala212/target}) */
    public static SparkHomes detect(LivyConf conf, Path livyHome, ProcessLauncher launcher)
            throws IOException, InterruptedException {
        Map<String, String> named = namedHomes(conf);
        SparkInstallation defaultSpark = SparkInstallation.detect(conf.get(LivyConfKeys.SPARK_HOME), launcher);
        SparkHome defaultHome = new SparkHome(SparkHome.DEFAULT_NAME, defaultSpark,
                replJar(conf, livyHome, defaultSpark), environment(defaultSpark, Optional.empty()));
        List<SparkHome> others = new ArrayList<>();
        for (Map.Entry<String, String> entry : named.entrySet()) {
            String name = entry.getKey();
            SparkInstallation spark = SparkInstallation.detect(Optional.of(entry.getValue()), launcher);
            Optional<String> python = Optional.ofNullable(conf.rawValues().get(SparkConfKeys.pythonKey(name)))
                    .map(String::strip).filter(text -> !text.isEmpty());
            others.add(new SparkHome(name, spark, replJar(conf, livyHome, spark), environment(spark, python)));
        }
        return new SparkHomes(defaultHome, others);
    }

    /** The further homes, name to directory, in the order livy.conf lists them; checked before any is run. */
    static Map<String, String> namedHomes(LivyConf conf) {
        Map<String, String> homes = new LinkedHashMap<>();
        for (String name : conf.get(SparkConfKeys.SPARK_VERSIONS)) {
            if (!NAME.matcher(name).matches() || name.equals(SparkHome.DEFAULT_NAME)) {
                throw new IllegalStateException("Invalid Spark name '" + name + "' in "
                        + SparkConfKeys.SPARK_VERSIONS.name() + ": names are letters, digits, '.', '_' and '-', "
                        + "and '" + SparkHome.DEFAULT_NAME + "' is the default Spark's.");
            }
            String home = conf.rawValues().get(SparkConfKeys.homeKey(name));
            if (home == null || home.isBlank()) {
                throw new IllegalStateException(SparkConfKeys.SPARK_VERSIONS.name() + " names '" + name + "' but "
                        + SparkConfKeys.homeKey(name) + " is not set.");
            }
            if (homes.put(name, home.strip()) != null) {
                throw new IllegalStateException(SparkConfKeys.SPARK_VERSIONS.name() + " names '" + name
                        + "' twice.");
            }
        }
        return homes;
    }

    /** The driver jar built for the installation's Scala version. */
    static Path replJar(LivyConf conf, Path livyHome, SparkInstallation spark) {
        boolean scala212 = spark.scalaVersion().equals("2.12");
        Path jar = scala212
                ? conf.get(SparkConfKeys.REPL_JAR_SCALA_212).map(Path::of)
                        .orElse(livyHome.resolve("repl-scala212").resolve("target").resolve("livy-repl_2.12.jar"))
                : conf.get(LivyConfKeys.REPL_JAR).map(Path::of)
                        .orElse(livyHome.resolve("repl").resolve("target").resolve("livy-repl.jar"));
        if (!Files.isRegularFile(jar)) {
            String key = scala212 ? SparkConfKeys.REPL_JAR_SCALA_212.name() : LivyConfKeys.REPL_JAR.name();
            throw new IllegalStateException("REPL driver jar for Scala " + spark.scalaVersion() + " (Spark "
                    + spark.sparkVersion() + " at " + spark.home() + ") not found at " + jar
                    + " (build it with ./mvnw package, or set " + key + ").");
        }
        return jar;
    }

    private static Map<String, String> environment(SparkInstallation spark, Optional<String> python) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPARK_HOME", spark.home().toString());
        python.ifPresent(executable -> environment.put("PYSPARK_PYTHON", executable));
        return environment;
    }
}
