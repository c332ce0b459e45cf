package dev.livy.server.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.launch.FakeProcessLauncher;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkInstallationTest {
    private static final String SPARK_43 = """
            Welcome to
                  ____              __
                 / __/__  ___ _____/ /__
                _\\ \\/ _ \\/ _ `/ __/  '_/
               /___/ .__/\\_,_/_/ /_/\\_\\   version 4.3.0
                  /_/
            Using Scala version 2.13.18, OpenJDK 64-Bit Server VM, 17.0.15
            """;

    @Test
    void readsSparkAndScalaVersions() {
        SparkInstallation spark = SparkInstallation.fromVersionOutput(Path.of("/spark"), SPARK_43);

        assertEquals("4.3.0", spark.sparkVersion());
        assertEquals("2.13", spark.scalaVersion());
    }

    @Test
    void acceptsSpark35() {
        String output = SPARK_43.replace("4.3.0", "3.5.8");

        assertEquals("3.5.8", SparkInstallation.fromVersionOutput(Path.of("/spark"), output).sparkVersion());
    }

    @Test
    void acceptsSpark35OnScala212() {
        SparkInstallation spark = SparkInstallation.fromVersionOutput(Path.of("/spark"),
                SPARK_43.replace("4.3.0", "3.5.9").replace("2.13.18", "2.12.18"));

        assertEquals("3.5.9", spark.sparkVersion());
        assertEquals("2.12", spark.scalaVersion());
    }

    @Test
    void refusesOlderSparkOrSpark4OnScala212() {
        assertTrue(assertThrows(IllegalStateException.class, () -> SparkInstallation.fromVersionOutput(
                Path.of("/spark"), SPARK_43.replace("4.3.0", "3.4.1"))).getMessage()
                .startsWith("Unsupported Spark 3.4.1"));
        assertThrows(IllegalStateException.class, () -> SparkInstallation.fromVersionOutput(Path.of("/spark"),
                SPARK_43.replace("2.13.18", "2.12.18")));
    }

    @Test
    void refusesAMissingSparkHomeWithAClearMessage() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SparkInstallation.detect(Optional.of("/nonexistent/spark"), new FakeProcessLauncher()));

        assertEquals("No executable spark-submit at /nonexistent/spark/bin/spark-submit: SPARK_HOME must point to "
                + "a Spark installation.", error.getMessage());
    }
}
