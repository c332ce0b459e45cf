package dev.livy.server.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.server.config.LivyConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredSparkHomesTest {
    @TempDir
    Path livyHome;

    @Test
    void readsEachNamedHomeInTheOrderListed() {
        LivyConf conf = new LivyConf(Map.of("livy.server.spark.versions", "3.5, spark-4.1",
                "livy.server.spark.3.5.home", "/opt/spark-3.5", "livy.server.spark.spark-4.1.home", "/opt/spark-4.1"));

        assertEquals("{3.5=/opt/spark-3.5, spark-4.1=/opt/spark-4.1}",
                ConfiguredSparkHomes.namedHomes(conf).toString());
    }

    @Test
    void aNameWithoutAHomeIsRefusedSayingWhichKeyIsMissing() {
        LivyConf conf = new LivyConf(Map.of("livy.server.spark.versions", "3.5"));

        assertEquals("livy.server.spark.versions names '3.5' but livy.server.spark.3.5.home is not set.",
                assertThrows(IllegalStateException.class, () -> ConfiguredSparkHomes.namedHomes(conf)).getMessage());
    }

    @Test
    void theDefaultNameAndOddCharactersAreRefused() {
        for (String name : new String[] {"default", "a/b", ".hidden"}) {
            LivyConf conf = new LivyConf(Map.of("livy.server.spark.versions", name,
                    "livy.server.spark." + name + ".home", "/opt/spark"));

            assertThrows(IllegalStateException.class, () -> ConfiguredSparkHomes.namedHomes(conf), name);
        }
    }

    @Test
    void picksTheDriverJarBuiltForEachScalaVersion() throws IOException {
        Path jar213 = Files.createDirectories(livyHome.resolve("repl/target")).resolve("livy-repl.jar");
        Path jar212 = Files.createDirectories(livyHome.resolve("repl-scala212/target")).resolve("livy-repl_2.12.jar");
        Files.writeString(jar213, "");
        Files.writeString(jar212, "");
        LivyConf conf = new LivyConf(Map.of());

        assertEquals(jar213, ConfiguredSparkHomes.replJar(conf, livyHome,
                new SparkInstallation(Path.of("/opt/spark-4"), "4.3.0", "2.13")));
        assertEquals(jar212, ConfiguredSparkHomes.replJar(conf, livyHome,
                new SparkInstallation(Path.of("/opt/spark-3.5"), "3.5.9", "2.12")));
    }

    @Test
    void aMissingDriverJarNamesTheKeyThatSetsIt() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> ConfiguredSparkHomes.replJar(new LivyConf(Map.of()), livyHome,
                        new SparkInstallation(Path.of("/opt/spark-3.5"), "3.5.9", "2.12")));

        assertEquals("REPL driver jar for Scala 2.12 (Spark 3.5.9 at /opt/spark-3.5) not found at "
                + livyHome.resolve("repl-scala212/target/livy-repl_2.12.jar")
                + " (build it with ./mvnw package, or set livy.repl.scala-2.12.jar).", error.getMessage());
    }
}
