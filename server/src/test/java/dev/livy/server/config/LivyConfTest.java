package dev.livy.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivyConfTest {

    @Test
    void defaultsAreLivys() {
        LivyConf conf = new LivyConf(Map.of());

        assertEquals(8998, conf.get(LivyConfKeys.SERVER_PORT));
        assertEquals(Optional.empty(), conf.get(LivyConfKeys.SERVER_HOST));
        assertEquals("local[*]", conf.get(LivyConfKeys.SPARK_MASTER));
        assertEquals("client", conf.get(LivyConfKeys.SPARK_DEPLOY_MODE));
        assertEquals(200, conf.get(LivyConfKeys.CACHE_LOG_SIZE));
        assertEquals(Duration.ofMinutes(10), conf.get(LivyConfKeys.STATE_RETAIN));
    }

    @Test
    void readsLivyConf(@TempDir Path directory) throws Exception {
        Files.writeString(directory.resolve("livy.conf"), "# comment\nlivy.server.port = 9000\n"
                + "livy.server.session.state-retain.sec=90s\n");

        LivyConf conf = LivyConf.load(directory);

        assertEquals(9000, conf.get(LivyConfKeys.SERVER_PORT));
        assertEquals(Duration.ofSeconds(90), conf.get(LivyConfKeys.STATE_RETAIN));
    }

    @Test
    void aMissingFileMeansEveryDefault(@TempDir Path directory) throws Exception {
        assertEquals(8998, LivyConf.load(directory).get(LivyConfKeys.SERVER_PORT));
    }

    @Test
    void aLivyConfThatCannotBeReadStopsTheStartNamingTheFile(@TempDir Path directory) throws Exception {
        Files.createDirectory(directory.resolve("livy.conf"));
        Path notADirectory = Files.writeString(directory.resolve("conf-file"), "livy.server.port = 9000\n");

        IllegalArgumentException isADirectory = assertThrows(IllegalArgumentException.class,
                () -> LivyConf.load(directory));
        IllegalArgumentException insideAFile = assertThrows(IllegalArgumentException.class,
                () -> LivyConf.load(notADirectory));

        assertEquals("Cannot read the configuration file " + directory.resolve("livy.conf") + ": it is a directory",
                isADirectory.getMessage());
        assertEquals("Cannot read the configuration file " + notADirectory.resolve("livy.conf")
                + ": Not a directory", insideAFile.getMessage());
    }

    @Test
    void aBadValueNamesTheKey() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LivyConf(Map.of("livy.server.port", "eighty")));

        assertEquals("Invalid value 'eighty' for configuration key livy.server.port: expected an integer",
                error.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new LivyConf(Map.of("livy.spark.deploy-mode", "local"))).getMessage()
                .contains("livy.spark.deploy-mode"));
    }

    /** A driver's frames carry at most 64 MiB: an output limit above what they carry would kill sessions. */
    @Test
    void anOutputLimitLargerThanTheChannelCarriesIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new LivyConf(Map.of("livy.rsc.statement.max-output-size", "100m")));

        assertEquals("Invalid value '100m' for configuration key livy.rsc.statement.max-output-size: expected a size "
                + "of at most 32m", error.getMessage());
        assertEquals(32L << 20, new LivyConf(Map.of("livy.rsc.statement.max-output-size", "32m"))
                .get(LivyConfKeys.MAX_STATEMENT_OUTPUT));
    }

    @Test
    void durationsUseLivysUnits() {
        assertEquals(Duration.ofMillis(100), Durations.parse("100ms"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofMinutes(30), Durations.parse("30m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("soon"));
        assertThrows(Durations.TooLongException.class, () -> Durations.parse("106751991167301d"));
        assertEquals(Duration.ofDays(106751991167300L), Durations.parse(Durations.LONGEST));
    }
}
