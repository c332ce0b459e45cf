package dev.livy.server.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.SessionKind;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the default of every key: the table must name exactly the catalogue's keys, so a new key cannot be left
 * out, and every key declared in the catalogue classes must be in the catalogue.
 */
class ConfigDefaultsTest {
    private static final Map<String, Object> DEFAULTS = Map.ofEntries(
            Map.entry("livy.server.host", Optional.empty()),
            Map.entry("livy.server.port", 8998),
            Map.entry("livy.server.metrics.access", MetricsAccess.AUTHENTICATED),
            Map.entry("livy.server.spark-home", Optional.empty()),
            Map.entry("livy.spark.master", "local[*]"),
            Map.entry("livy.spark.deploy-mode", "client"),
            Map.entry("livy.repl.jar", Optional.empty()),
            Map.entry("livy.repl.scala-2.12.jar", Optional.empty()),
            Map.entry("livy.server.spark.versions", List.of()),
            Map.entry("livy.server.sparkr.library", Optional.empty()),
            Map.entry("livy.rsc.launcher.address", "127.0.0.1"),
            Map.entry("livy.rsc.launcher.port", 0),
            Map.entry("livy.rsc.server.idle-timeout", Duration.parse("PT10S")),
            Map.entry("livy.cache-log.size", 200),
            Map.entry("livy.server.session.state-retain.sec", Duration.parse("PT10M")),
            Map.entry("livy.server.session.stop-grace", Duration.parse("PT5S")),
            Map.entry("livy.file.local-dir-whitelist", List.of()),
            Map.entry("livy.server.session.timeout-check", true),
            Map.entry("livy.server.session.timeout-check.skip-busy", false),
            Map.entry("livy.server.session.timeout", Duration.parse("PT1H")),
            Map.entry("livy.server.session.ttl-check", true),
            Map.entry("livy.server.session.ttl", Optional.empty()),
            Map.entry("livy.server.session.start-timeout", Duration.parse("PT10M")),
            Map.entry("livy.server.session.check-interval", Duration.parse("PT1S")),
            Map.entry("livy.server.session.max-creation", 100),
            Map.entry("livy.server.session.pool.size", 0),
            Map.entry("livy.server.session.pool.kinds", List.of(SessionKind.PYSPARK)),
            Map.entry("livy.server.session.pool.refill-delay", Duration.parse("PT1S")),
            Map.entry("livy.server.request-body.max-size", 10485760L),
            Map.entry("livy.server.request-body.timeout", Duration.parse("PT1M")),
            Map.entry("livy.rsc.sql.num-rows", 1000),
            Map.entry("livy.rsc.statement.max-output-size", 8388608L),
            Map.entry("livy.rsc.retained-statements", 100),
            Map.entry("livy.rsc.retained-statements.max-size", 33554432L),
            Map.entry("livy.server.retained-statements.max-total-size", 134217728L),
            Map.entry("livy.rsc.driver.class-archive", true),
            Map.entry("livy.server.auth.type", Optional.empty()),
            Map.entry("livy.server.auth.basic.credentials-file", Optional.empty()),
            Map.entry("livy.server.auth.ldap.url", Optional.empty()),
            Map.entry("livy.server.auth.ldap.base-dn", Optional.empty()),
            Map.entry("livy.server.auth.ldap.username-domain", Optional.empty()),
            Map.entry("livy.server.auth.ldap.enable-start-tls", false),
            Map.entry("livy.server.access-control.enabled", false),
            Map.entry("livy.server.access-control.allowed-users", List.of("*")),
            Map.entry("livy.server.access-control.view-users", List.of()),
            Map.entry("livy.server.access-control.modify-users", List.of()),
            Map.entry("livy.superusers", List.of()),
            Map.entry("livy.impersonation.enabled", false),
            Map.entry("livy.server.csrf-protection.enabled", false),
            Map.entry("livy.keystore", Optional.empty()),
            Map.entry("livy.keystore.password", Optional.empty()),
            Map.entry("livy.key-password", Optional.empty()),
            Map.entry("livy.keystore.type", "PKCS12"),
            Map.entry("livy.server.yarn.poll-interval", Duration.parse("PT5S")),
            Map.entry("livy.server.yarn.app-lookup-timeout", Duration.parse("PT2M")),
            Map.entry("livy.server.yarn.resource-manager-url", Optional.empty()),
            Map.entry("livy.server.standalone.master-ui-url", Optional.empty()),
            Map.entry("livy.server.standalone.poll-interval", Duration.parse("PT2S")),
            Map.entry("livy.server.standalone.driver-lookup-timeout", Duration.parse("PT2M")),
            Map.entry("livy.server.recovery.mode", "off"),
            Map.entry("livy.server.recovery.state-store", "filesystem"),
            Map.entry("livy.server.recovery.state-store.url", Optional.empty()),
            Map.entry("livy.server.zookeeper.url", Optional.empty()),
            Map.entry("livy.server.recovery.zk-state-store.retry-policy",
                    new ZooKeeperRetryPolicy(5, Duration.ofMillis(100))),
            Map.entry("livy.server.recovery.zk-state-store.key-prefix", "livy"),
            Map.entry("livy.server.recovery.zk-state-store.auth", Optional.empty()),
            Map.entry("livy.server.recovery.zk-state-store.connect-timeout", Duration.parse("PT15S")),
            Map.entry("livy.rsc.server.reconnect-timeout", Duration.parse("PT30M")),
            Map.entry("livy.server.recovery.applications-dir", Optional.empty()));

    @Test
    void everyKeyHasItsPinnedDefault() {
        LivyConf defaults = new LivyConf(Map.of());

        assertEquals(new TreeSet<>(DEFAULTS.keySet()), names(LivyConfKeys.ALL),
                "the table of defaults names exactly the catalogue's keys");
        for (ConfigKey<?> key : LivyConfKeys.ALL) {
            assertEquals(DEFAULTS.get(key.name()), defaults.get(key), key.name());
        }
    }

    @Test
    void everyDeclaredKeyIsInTheCatalogueOnce() throws IllegalAccessException {
        List<ConfigKey<?>> declared = new ArrayList<>();
        for (Class<?> keys : List.of(LivyConfKeys.class, SecurityConfKeys.class, ClusterConfKeys.class,
                SparkConfKeys.class, RecoveryConfKeys.class, PoolConfKeys.class)) {
            for (Field field : keys.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers()) && field.getType() == ConfigKey.class) {
                    field.setAccessible(true);
                    declared.add((ConfigKey<?>) field.get(null));
                }
            }
        }

        assertEquals(names(declared), names(LivyConfKeys.ALL), "every declared key is in LivyConfKeys.ALL");
        assertEquals(LivyConfKeys.ALL.size(), new HashSet<>(LivyConfKeys.ALL).size(), "no key is listed twice");
    }

    private static Set<String> names(List<ConfigKey<?>> keys) {
        return keys.stream().map(ConfigKey::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
