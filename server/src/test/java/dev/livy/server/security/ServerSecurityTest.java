package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.config.LivyConf;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server refuses to start on a security setting it cannot honour, naming the key. */
class ServerSecurityTest {
    @Test
    void withoutSettingsThereIsNoFilter() {
        ServerSecurity security = from(Map.of());

        assertTrue(security.authType().isEmpty());
        assertTrue(security.filters().isEmpty());
        assertTrue(security.tls().isEmpty());
    }

    @Test
    void accessControlWithoutAuthenticationIsRefused() {
        assertRefused("livy.server.access-control.enabled needs livy.server.auth.type: without authentication "
                + "there is no user to let in.", Map.of("livy.server.access-control.enabled", "true"));
    }

    @Test
    void aCustomTypeNeedsAFilterClass() {
        assertRefused("livy.server.auth.type is 'kerberos', which is not built in (basic, ldap), and "
                + "livy.server.auth.kerberos.class is not set.", Map.of("livy.server.auth.type", "kerberos"));
        assertRefused("livy.server.auth.x.class: class com.example.Missing is not on the class path.",
                Map.of("livy.server.auth.type", "x", "livy.server.auth.x.class", "com.example.Missing"));
        assertRefused("livy.server.auth.x.class: java.lang.String is not a jakarta.servlet.Filter.",
                Map.of("livy.server.auth.type", "x", "livy.server.auth.x.class", "java.lang.String"));
    }

    @Test
    void tlsNeedsTheKeystorePasswordAndNeverShowsIt() {
        assertRefused("livy.keystore is set but livy.keystore.password is not.",
                Map.of("livy.keystore", "/etc/livy/keystore.p12"));

        ServerSecurity security = from(Map.of("livy.keystore", "/etc/livy/keystore.p12",
                "livy.keystore.password", "changeit-123"));

        TlsSettings tls = security.tls().orElseThrow();
        assertEquals(Path.of("/etc/livy/keystore.p12"), tls.keystore());
        assertEquals("changeit-123", tls.keyPassword(), "the key password defaults to the keystore's");
        assertEquals("PKCS12", tls.keystoreType());
        assertFalse(tls.toString().contains("changeit-123"), tls.toString());
    }

    @Test
    void csrfProtectionAddsItsFilter() {
        assertEquals(1, from(Map.of("livy.server.csrf-protection.enabled", "true")).filters().size());
    }

    private static ServerSecurity from(Map<String, String> values) {
        return ServerSecurity.from(new LivyConf(values), ServerSecurityTest.class.getClassLoader());
    }

    private static void assertRefused(String message, Map<String, String> values) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> from(values)).getMessage());
    }
}
