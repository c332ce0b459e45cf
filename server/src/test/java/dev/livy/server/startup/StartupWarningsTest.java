package dev.livy.server.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.config.LivyConf;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupWarningsTest {
    @Test
    void withoutAuthenticationTheServerSaysWhoCanReachIt() {
        assertEquals(List.of("No authentication is configured (livy.server.auth.type), so the server listens on "
                + "loopback (127.0.0.1) only; set livy.server.host to listen elsewhere."),
                ExposureWarnings.of(new LivyConf(Map.of()), Optional.empty(), "127.0.0.1", "livy"));
        assertEquals(List.of("No authentication is configured (livy.server.auth.type) and livy.server.host is "
                + "0.0.0.0: anyone who can reach this port can run code as user livy.",
                "livy.impersonation.enabled without authentication: requests naming a proxyUser or doAs are "
                        + "refused, and everything runs as user livy."),
                ExposureWarnings.of(new LivyConf(Map.of("livy.server.host", "0.0.0.0",
                        "livy.impersonation.enabled", "true")), Optional.empty(), "0.0.0.0", "livy"));
        assertEquals(List.of(), ExposureWarnings.of(new LivyConf(Map.of("livy.server.host", "localhost")),
                Optional.empty(), "localhost", "livy"), "a loopback host set on purpose is no exposure");
        assertEquals(List.of(), ExposureWarnings.of(new LivyConf(Map.of("livy.server.host", "0.0.0.0")),
                Optional.of("basic"), "0.0.0.0", "livy"));
    }

    @Test
    void keysNoPartReadsAreNamedButACustomAuthTypesOwnAreNot() {
        LivyConf conf = new LivyConf(Map.of("livy.server.port", "8998", "livy.server.sesion.timeout", "1h",
                "livy.server.auth.kerberos.class", "a.Filter", "livy.server.auth.kerberos.param.realm", "R"));

        assertEquals(List.of("livy.conf sets livy.server.sesion.timeout, which this server does not use"),
                ConfWarnings.unknownKeys(conf, Optional.of("kerberos")));
        assertEquals(List.of("livy.conf sets livy.server.auth.kerberos.class, which this server does not use",
                "livy.conf sets livy.server.auth.kerberos.param.realm, which this server does not use",
                "livy.conf sets livy.server.sesion.timeout, which this server does not use"),
                ConfWarnings.unknownKeys(conf, Optional.empty()));
    }

    @Test
    void theHomesOfTheListedSparksAreKnownKeysAndOthersAreNot() {
        LivyConf conf = new LivyConf(Map.of("livy.server.spark.versions", "3.5",
                "livy.server.spark.3.5.home", "/opt/spark-3.5", "livy.server.spark.3.5.python", "/opt/py/bin/python",
                "livy.server.spark.3.4.home", "/opt/spark-3.4"));

        assertEquals(List.of("livy.conf sets livy.server.spark.3.4.home, which this server does not use"),
                ConfWarnings.unknownKeys(conf, Optional.empty()));
    }

    @Test
    void passwordsInAConfOthersCanReadAreWarnedAbout(@TempDir Path directory) throws IOException {
        Path confFile = Files.writeString(directory.resolve("livy.conf"), "livy.keystore.password = secret\n");
        LivyConf withPassword = new LivyConf(Map.of("livy.keystore.password", "secret"));

        Files.setPosixFilePermissions(confFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(List.of(confFile + " holds passwords and can be read by other users (rw-r--r--): chmod 600 it."),
                ConfWarnings.readablePasswords(confFile, withPassword));
        Files.setPosixFilePermissions(confFile, PosixFilePermissions.fromString("rw-------"));
        assertEquals(List.of(), ConfWarnings.readablePasswords(confFile, withPassword));
        Files.setPosixFilePermissions(confFile, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(List.of(), ConfWarnings.readablePasswords(confFile, new LivyConf(Map.of())));
    }

    @Test
    void theZooKeeperStoresCredentialsInAConfOthersCanReadAreWarnedAbout(@TempDir Path directory)
            throws IOException {
        Path confFile = Files.writeString(directory.resolve("livy.conf"),
                "livy.server.recovery.zk-state-store.auth = livy:secret\n");
        Files.setPosixFilePermissions(confFile, PosixFilePermissions.fromString("rw-r-----"));

        assertEquals(List.of(confFile + " holds passwords and can be read by other users (rw-r-----): chmod 600 it."),
                ConfWarnings.readablePasswords(confFile,
                        new LivyConf(Map.of("livy.server.recovery.zk-state-store.auth", "livy:secret"))));
    }
}
