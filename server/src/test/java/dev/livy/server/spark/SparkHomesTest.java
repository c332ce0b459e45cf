package dev.livy.server.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkHomesTest {
    private final SparkHomes homes = TestSparkHomes.twoHomes();

    @Test
    void aRequestWithoutTheKeyRunsOnTheDefaultSpark() {
        assertEquals("default", homes.select(Map.of("spark.executor.cores", "2")).name());
    }

    @Test
    void aRequestPicksANamedSparkOrTheDefaultOneByName() {
        assertEquals(TestSparkHomes.HOME_35, homes.select(Map.of("livy.spark.version", "3.5")).installation().home());
        assertEquals(TestSparkHomes.DEFAULT_HOME,
                homes.select(Map.of("livy.spark.version", "default")).installation().home());
    }

    @Test
    void anUnknownNameIsABadRequestListingTheConfiguredOnes() {
        LivyException error = assertThrows(LivyException.class,
                () -> homes.select(Map.of("livy.spark.version", "2.4")));

        assertEquals(ErrorCode.INVALID_REQUEST, error.code());
        assertEquals("Unknown Spark '2.4' in conf livy.spark.version; this server has: default (Spark 4.3.0), "
                + "3.5 (Spark 3.5.9).", error.getMessage());
    }

    @Test
    void theViewsNameTheSparkAndItsVersion() {
        assertEquals(Map.of("sparkName", "3.5", "sparkVersion", "3.5.9"),
                homes.select(Map.of("livy.spark.version", "3.5")).appInfo());
    }

    @Test
    void twoHomesMayNotShareAName() {
        SparkHome home = homes.defaultHome();

        assertThrows(IllegalArgumentException.class, () -> new SparkHomes(home, List.of(home)));
    }
}
