package dev.livy.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.livy.common.SessionKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DriverSettingsTest {

    @Test
    void defaults() {
        assertEquals(new DriverSettings(1000, 8L * 1024 * 1024), DriverSettings.DEFAULTS);
    }

    @Test
    void aBlankSparkRLibraryIsNone() {
        assertEquals(Optional.empty(), new DriverSettings(1, 1).withSparkRLibrary(" ").sparkRLibraryPath());
        assertEquals(Optional.empty(), DriverSettings.DEFAULTS.sparkRLibraryPath());
    }

    @Test
    void aLimitMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new DriverSettings(0, 40));
        assertThrows(IllegalArgumentException.class, () -> new DriverSettings(25, -1));
    }

    @Test
    void theLaunchConfigCarriesThemTyped() throws Exception {
        Path directory = Files.createTempDirectory("launch");
        Path file = directory.resolve("driver-launch.json");
        DriverLaunchConfig config = new DriverLaunchConfig(3, "127.0.0.1", 4000, "secret",
                SessionKind.SQL, new DriverSettings(7, 40).withSparkRLibrary("/opt/r-library"));
        try {
            config.writeTo(file);
            DriverLaunchConfig read = DriverLaunchConfig.readFrom(file);
            assertEquals(config, read);
            assertEquals(Optional.of(Path.of("/opt/r-library")), read.settings().sparkRLibraryPath());
        } finally {
            Files.deleteIfExists(file);
            Files.delete(directory);
        }
    }
}
