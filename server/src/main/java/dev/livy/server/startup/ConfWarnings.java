package dev.livy.server.startup;

import dev.livy.server.config.ConfigKey;
import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import dev.livy.server.config.RecoveryConfKeys;
import dev.livy.server.config.SecurityConfKeys;
import dev.livy.server.config.SparkConfKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** What the server says at start about livy.conf itself: keys it does not use, and passwords others can read. */
public final class ConfWarnings {
    private ConfWarnings() {
    }

    /** One warning per key livy.conf sets that no part of the server reads (a custom auth type's own keys aside). */
    public static List<String> unknownKeys(LivyConf conf, Optional<String> authType) {
        Set<String> known = new HashSet<>(LivyConfKeys.ALL.stream().map(ConfigKey::name).toList());
        for (String spark : conf.get(SparkConfKeys.SPARK_VERSIONS)) {
            known.add(SparkConfKeys.homeKey(spark));
            known.add(SparkConfKeys.pythonKey(spark));
        }
        Optional<String> customAuthPrefix = authType.map(SecurityConfKeys::customAuthPrefix);
        return conf.rawValues().keySet().stream()
                .filter(key -> !known.contains(key) && !customAuthPrefix.map(key::startsWith).orElse(false))
                .sorted()
                .map(key -> "livy.conf sets " + key + ", which this server does not use")
                .toList();
    }

    /**
     * livy.conf may hold the keystore passwords and the ZooKeeper store's credentials: a warning if anyone but the
     * server's user can read it.
     */
    public static List<String> readablePasswords(Path confFile, LivyConf conf) throws IOException {
        if (conf.get(SecurityConfKeys.KEYSTORE_PASSWORD).isEmpty()
                && conf.get(SecurityConfKeys.KEY_PASSWORD).isEmpty()
                && conf.get(RecoveryConfKeys.ZOOKEEPER_AUTH).isEmpty()) {
            return List.of();
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(confFile);
        List<String> warnings = new ArrayList<>();
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            warnings.add(confFile + " holds passwords and can be read by other users ("
                    + PosixFilePermissions.toString(permissions) + "): chmod 600 it.");
        }
        return warnings;
    }
}
