package dev.livy.server.recovery;

import dev.livy.server.config.ConfigKey;
import dev.livy.server.config.LivyConf;
import dev.livy.server.config.RecoveryConfKeys;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the state store the configuration names: {@link StateStore#DISABLED} with recovery off. The store comes back
 * holding its lock, so that no second server uses it.
 */
public final class StateStores {
    private static final String SECOND_SERVER_ADVICE =
            ": stop that server first, or give this one a state store of its own";

    private StateStores() {
    }

    /**
     * @throws IllegalStateException naming the key when the store is not configured, cannot be opened or reached,
     *                               or another server holds it
     */
    public static StateStore open(LivyConf conf) {
        if (!recoveryOn(conf)) {
            return StateStore.DISABLED;
        }
        String kind = conf.get(RecoveryConfKeys.STATE_STORE);
        return kind.equals("zookeeper") ? openZooKeeper(conf) : openFilesystem(conf);
    }

    public static boolean recoveryOn(LivyConf conf) {
        return conf.get(RecoveryConfKeys.RECOVERY_MODE).equals("recovery");
    }

    private static StateStore openFilesystem(LivyConf conf) {
        String url = conf.get(RecoveryConfKeys.STATE_STORE_URL).orElseThrow(() -> new IllegalStateException(
                "Recovery needs a directory for its state: set " + RecoveryConfKeys.STATE_STORE_URL.name()));
        Path directory = url.startsWith("file:") ? Path.of(URI.create(url)) : Path.of(url);
        try {
            return FilesystemStateStore.open(directory);
        } catch (StoreLockedException e) {
            throw new IllegalStateException(e.getMessage() + " (" + RecoveryConfKeys.STATE_STORE_URL.name() + ")"
                    + SECOND_SERVER_ADVICE, e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot use " + directory + " as the state store ("
                    + RecoveryConfKeys.STATE_STORE_URL.name() + "): " + reason(e), e);
        }
    }

    /** A file system error in words: its message is often only the path. */
    private static String reason(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException failure) {
            return failure.getReason() != null ? failure.getReason() + " (" + failure.getFile() + ")"
                    : "cannot create or write " + failure.getFile();
        }
        return e.getMessage();
    }

    private static StateStore openZooKeeper(LivyConf conf) {
        ConfigKey<Optional<String>> serversKey = conf.get(RecoveryConfKeys.ZOOKEEPER_URL).isPresent()
                || conf.get(RecoveryConfKeys.STATE_STORE_URL).isEmpty()
                ? RecoveryConfKeys.ZOOKEEPER_URL : RecoveryConfKeys.STATE_STORE_URL;
        String servers = conf.get(serversKey).orElseThrow(() -> new IllegalStateException(
                "The zookeeper state store needs ZooKeeper's servers: set " + RecoveryConfKeys.ZOOKEEPER_URL.name()
                        + " to their host:port list"));
        String authKey = RecoveryConfKeys.ZOOKEEPER_AUTH.name();
        String credentials = conf.get(RecoveryConfKeys.ZOOKEEPER_AUTH).orElseThrow(() -> new IllegalStateException(
                "The zookeeper state store keeps sessions' secrets, so its nodes must be readable by this server "
                        + "only: set " + authKey + " to user:password (ZooKeeper digest authentication)"));
        int colon = credentials.indexOf(':');
        if (colon <= 0 || colon == credentials.length() - 1) {
            throw new IllegalStateException(authKey + " must be user:password");
        }
        ZooKeeperSettings settings = new ZooKeeperSettings(servers, conf.get(RecoveryConfKeys.ZOOKEEPER_KEY_PREFIX),
                conf.get(RecoveryConfKeys.ZOOKEEPER_RETRY_POLICY),
                conf.get(RecoveryConfKeys.ZOOKEEPER_CONNECT_TIMEOUT), credentials);
        try {
            return ZooKeeperStateStore.open(settings);
        } catch (StoreLockedException e) {
            throw new IllegalStateException(e.getMessage() + SECOND_SERVER_ADVICE, e);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot use ZooKeeper at " + servers + " (" + serversKey.name()
                    + ") as the state store: " + e.getMessage(), e);
        }
    }
}
