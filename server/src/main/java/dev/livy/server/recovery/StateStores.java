package dev.livy.server.recovery;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.RecoveryConfKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** Opens the state store the configuration names: {@link StateStore#DISABLED} with recovery off. */
public final class StateStores {
    private StateStores() {
    }

    /**
     * @throws IllegalStateException naming the key when the store is not configured or cannot be opened
     */
    public static StateStore open(LivyConf conf) {
        if (!recoveryOn(conf)) {
            return StateStore.DISABLED;
        }
        String kind = conf.get(RecoveryConfKeys.STATE_STORE);
        if (!kind.equals("filesystem")) {
            throw new IllegalStateException("The " + kind + " state store (" + RecoveryConfKeys.STATE_STORE.name()
                    + ") is not available yet");
        }
        String url = conf.get(RecoveryConfKeys.STATE_STORE_URL).orElseThrow(() -> new IllegalStateException(
                "Recovery needs a directory for its state: set " + RecoveryConfKeys.STATE_STORE_URL.name()));
        Path directory = url.startsWith("file:") ? Path.of(URI.create(url)) : Path.of(url);
        try {
            return FilesystemStateStore.open(directory);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot use " + directory + " as the state store ("
                    + RecoveryConfKeys.STATE_STORE_URL.name() + "): " + e.getMessage(), e);
        }
    }

    public static boolean recoveryOn(LivyConf conf) {
        return conf.get(RecoveryConfKeys.RECOVERY_MODE).equals("recovery");
    }
}
