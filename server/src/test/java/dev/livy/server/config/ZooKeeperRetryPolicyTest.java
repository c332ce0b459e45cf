package dev.livy.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZooKeeperRetryPolicyTest {
    @Test
    void livysFormIsMaxRetriesCommaSleepMillis() {
        LivyConf conf = new LivyConf(Map.of("livy.server.recovery.zk-state-store.retry-policy", " 3, 250"));

        assertEquals(new ZooKeeperRetryPolicy(3, Duration.ofMillis(250)),
                conf.get(RecoveryConfKeys.ZOOKEEPER_RETRY_POLICY));
    }

    @Test
    void anythingElseIsRefusedNamingTheKeyAndTheForm() {
        for (String value : new String[] {"5", "5,100,1", "five,100", "-1,100", "5,0"}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> RecoveryConfKeys.ZOOKEEPER_RETRY_POLICY.parse(value), value);
            assertTrue(refused.getMessage().startsWith("Invalid value '" + value
                    + "' for configuration key livy.server.recovery.zk-state-store.retry-policy: expected"),
                    refused.getMessage());
        }
    }
}
