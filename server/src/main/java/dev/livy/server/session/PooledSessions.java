package dev.livy.server.session;

import java.util.HashMap;
import java.util.Map;

/** What a session's view says about a driver it took from the warm pool. Stateless. */
final class PooledSessions {
    /** The {@code appInfo} entry of a session that took a pooled driver, so the API says where it came from. */
    static final String POOLED = "pooled";

    private PooledSessions() {
    }

    static Map<String, String> sparkInfo(Map<String, String> sparkInfo, boolean pooled) {
        if (!pooled) {
            return sparkInfo;
        }
        Map<String, String> withPool = new HashMap<>(sparkInfo);
        withPool.put(POOLED, "true");
        return Map.copyOf(withPool);
    }
}
