package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.batch.BatchSettings;
import dev.livy.server.config.LivyConf;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The managers' settings come from the keys that name them. */
class SessionSettingsTest {
    private static final LivyConf CONF = new LivyConf(Map.of("livy.cache-log.size", "7",
            "livy.server.session.stop-grace", "2s", "livy.server.session.state-retain.sec", "3m",
            "livy.server.session.max-creation", "4", "livy.server.session.check-interval", "5s",
            "livy.rsc.retained-statements", "6"));

    @Test
    void sessionSettingsReadTheirKeys() {
        SessionSettings settings = SessionSettings.from(CONF);

        assertEquals(7, settings.logLinesPerStream());
        assertEquals(Duration.ofSeconds(2), settings.stopGrace());
        assertEquals(Duration.ofMinutes(3), settings.stateRetention());
        assertEquals(4, settings.maxStarting());
        assertEquals(Duration.ofSeconds(5), settings.expiryCheckInterval());
        assertEquals(6, settings.statementRetention().maxStatements());
    }

    @Test
    void batchSettingsReadTheirKeys() {
        assertEquals(new BatchSettings(7, Duration.ofSeconds(2), Duration.ofMinutes(3)), BatchSettings.from(CONF));
    }
}
