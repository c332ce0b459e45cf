package dev.livy.server.spark;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One Spark installation the server launches on, under the name requests choose it by, with the REPL driver jar
 * built for its Scala version and the environment its spark-submit runs with. Immutable.
 *
 * @param environment added to the server's environment for this Spark's spark-submit: {@code SPARK_HOME} (a
 *                    pip-installed spark-submit would otherwise follow the server's own {@code SPARK_HOME}), and
 *                    {@code PYSPARK_PYTHON} where configured
 */
public record SparkHome(String name, SparkInstallation installation, Path replJar, Map<String, String> environment) {
    /** The name of the Spark set by {@code livy.server.spark-home} (or {@code SPARK_HOME}). */
    public static final String DEFAULT_NAME = "default";
    /** The {@code appInfo} entries of the session and batch views. */
    public static final String APP_INFO_NAME = "sparkName";
    public static final String APP_INFO_VERSION = "sparkVersion";

    public SparkHome {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(installation, "installation");
        Objects.requireNonNull(replJar, "replJar");
        environment = Map.copyOf(environment);
    }

    /** What the session and batch views say about this Spark, in their {@code appInfo}. */
    public Map<String, String> appInfo() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(APP_INFO_NAME, name);
        info.put(APP_INFO_VERSION, installation.sparkVersion());
        return info;
    }

    /** "3.5 (Spark 3.5.9)": how messages name it. */
    String describe() {
        return name + " (Spark " + installation.sparkVersion() + ")";
    }
}
