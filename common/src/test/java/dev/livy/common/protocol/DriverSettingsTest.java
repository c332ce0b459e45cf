package dev.livy.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.SessionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DriverSettingsTest {

    @Test
    void defaults() {
        assertEquals(new DriverSettings(1000, 8L * 1024 * 1024), DriverSettings.DEFAULTS);
        assertEquals(DriverSettings.DEFAULTS, DriverSettings.from(Map.of()));
    }

    @Test
    void rowLimitComesFromTheServersSettings() {
        assertEquals(1000, DriverSettings.from(Map.of()).sqlNumRows());
        assertEquals(25, DriverSettings.from(Map.of("livy.rsc.sql.num-rows", "25")).sqlNumRows());
        assertEquals(1000, DriverSettings.from(Map.of("livy.rsc.sql.num-rows", "many")).sqlNumRows());
        assertEquals(1000, DriverSettings.from(Map.of("livy.rsc.sql.num-rows", "0")).sqlNumRows());
    }

    @Test
    void outputLimitComesFromTheServersSettings() {
        assertEquals(40, DriverSettings.from(Map.of("livy.rsc.statement.max-output-size", "40")).maxOutputBytes());
    }

    @Test
    void theLaunchConfigCarriesThemTyped() throws Exception {
        Path directory = Files.createTempDirectory("launch");
        Path file = directory.resolve("driver-launch.json");
        DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", 4000, "secret",
                SessionKind.SQL, new DriverSettings(7, 40));
        try {
            config.writeTo(file);
            assertEquals(config, DriverLaunchConfig.readFrom(file));
        } finally {
            Files.deleteIfExists(file);
            Files.delete(directory);
        }
    }
}
