package dev.livy.server.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.RecoveryConfKeys;
import dev.livy.server.recovery.ApplicationsDirectory;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedRecoveryTest {
    private static final Path STATE = Path.of("/opt/livy/state");

    @Test
    void aServerStartedByTheScriptRecoversInItsStateDirectoryWhenLivyConfSaysNothing() {
        LivyConf conf = EmbeddedRecovery.withDefaults(new LivyConf(Map.of()), Optional.of(STATE));

        assertEquals("recovery", conf.get(RecoveryConfKeys.RECOVERY_MODE));
        assertEquals("filesystem", conf.get(RecoveryConfKeys.STATE_STORE));
        assertEquals(Optional.of("/opt/livy/state/store"), conf.get(RecoveryConfKeys.STATE_STORE_URL));
        assertEquals(Path.of("/opt/livy/state/applications"), ApplicationsDirectory.of(conf, Path.of("/opt/livy")));
    }

    @Test
    void livyConfsModeWinsAndTheCodesDefaultStaysOff() {
        LivyConf off = EmbeddedRecovery.withDefaults(new LivyConf(Map.of("livy.server.recovery.mode", "off")),
                Optional.of(STATE));
        LivyConf withoutScript = EmbeddedRecovery.withDefaults(new LivyConf(Map.of()), Optional.empty());

        assertEquals("off", off.get(RecoveryConfKeys.RECOVERY_MODE));
        assertEquals(Optional.empty(), off.get(RecoveryConfKeys.STATE_STORE_URL));
        assertEquals("off", withoutScript.get(RecoveryConfKeys.RECOVERY_MODE));
    }

    @Test
    void theLongLivedDirectoryIsBesideAConfiguredStoreUnlessSet() {
        LivyConf store = new LivyConf(Map.of("livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", "/var/lib/livy"));
        LivyConf set = new LivyConf(Map.of("livy.server.recovery.applications-dir", "/srv/livy-apps"));

        assertEquals(Path.of("/var/lib/livy-applications"), ApplicationsDirectory.of(store, Path.of("/opt/livy")));
        assertEquals(Path.of("/srv/livy-apps"), ApplicationsDirectory.of(set, Path.of("/opt/livy")));
    }
}
