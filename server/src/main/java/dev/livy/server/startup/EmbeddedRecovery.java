package dev.livy.server.startup;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.RecoveryConfKeys;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The embedded default: a server that {@code bin/livy-server} starts recovers, with the filesystem store in its own
 * state directory ({@code $LIVY_STATE_DIR}, default {@code $LIVY_HOME/state}), unless livy.conf says otherwise
 * ({@code livy.server.recovery.mode}). The code's own default stays {@code off}. Stateless.
 */
public final class EmbeddedRecovery {
    /** The system property by which the script names the state directory. */
    public static final String STATE_DIRECTORY_PROPERTY = "livy.state.dir";

    private EmbeddedRecovery() {
    }

    /** {@code conf} with recovery on in {@code stateDirectory}, when it does not set the mode itself. */
    public static LivyConf withDefaults(LivyConf conf, Optional<Path> stateDirectory) {
        if (stateDirectory.isEmpty() || conf.rawValues().containsKey(RecoveryConfKeys.RECOVERY_MODE.name())) {
            return conf;
        }
        Map<String, String> values = new HashMap<>(conf.rawValues());
        values.put(RecoveryConfKeys.RECOVERY_MODE.name(), "recovery");
        values.putIfAbsent(RecoveryConfKeys.STATE_STORE.name(), "filesystem");
        values.putIfAbsent(RecoveryConfKeys.STATE_STORE_URL.name(), stateDirectory.get().resolve("store").toString());
        values.putIfAbsent(RecoveryConfKeys.APPLICATIONS_DIR.name(),
                stateDirectory.get().resolve("applications").toString());
        return new LivyConf(values);
    }
}
