package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.testing.LdapDirectory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.naming.Context;
import javax.naming.NamingException;
import javax.naming.ldap.InitialLdapContext;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@link LdapPasswordCheck} must do against a directory; {@link LdapPasswordCheckTest} runs it against a
 * directory in this JVM, everywhere, and {@link LdapPasswordCheckSlapdTest} against a real OpenLDAP server where one
 * is installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LdapPasswordCheckCases {
    /*
     * src/test/resources/security/slapd-tls.{crt,key}, a test-only self-signed certificate for 127.0.0.1, made with:
     *   openssl req -x509 -newkey rsa:2048 -nodes -keyout slapd-tls.key -out slapd-tls.crt -days 36500 \
     *     -subj '/CN=127.0.0.1' -addext 'subjectAltName=IP:127.0.0.1,DNS:localhost'
     */
    private LdapDirectory directory;

    @TempDir
    Path scratch;

    /** Starts a directory that accepts simple binds in plain text and offers no StartTLS. */
    protected abstract LdapDirectory start(Path home) throws IOException;

    /** Starts a directory that offers StartTLS with this certificate and key and refuses plain-text simple binds. */
    protected abstract LdapDirectory startRequiringTls(Path home, Path certificate, Path privateKey)
            throws IOException;

    @BeforeAll
    void startDirectory(@TempDir Path home) throws IOException {
        directory = start(home);
        directory.addUser("alice", "wonderland");
        directory.addUser("carol@example.com", "carols");
    }

    @AfterAll
    void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @Test
    void theRightPasswordBinds() {
        assertTrue(check(directory).matches("alice", "wonderland"));
    }

    @Test
    void aWrongPasswordOrUnknownUserIsRefused() {
        LdapPasswordCheck check = check(directory);

        assertFalse(check.matches("alice", "Wonderland"));
        assertFalse(check.matches("nobody", "wonderland"));
        assertFalse(check.matches("*", "wonderland"));
    }

    @Test
    void anEmptyPasswordIsRefusedThoughTheDirectoryWouldTakeItForAnAnonymousBind() {
        String dn = "uid=alice," + directory.baseDn();
        assertDoesNotThrow(() -> bindDirectly(dn, ""), "the directory lets an unauthenticated bind through");

        assertFalse(check(directory).matches("alice", ""));
        assertFalse(check(directory).matches("alice", "\0"));
    }

    @Test
    void namesThatCouldRewriteTheDnAndEmptyPasswordsAreRefusedWithoutAskingTheServer() throws IOException {
        LdapPasswordCheck unreachable = check(stoppedServerUrl());

        assertFalse(unreachable.matches("alice,ou=people", "wonderland"));
        assertFalse(unreachable.matches("alice", ""));
        assertThrows(CredentialStoreUnavailableException.class, () -> unreachable.matches("alice", "wonderland"));
    }

    @Test
    void aUsernameDomainIsAppendedToNamesWithoutOne() {
        LdapPasswordCheck check = new LdapPasswordCheck(directory.url(),
                new LdapBindDn(Optional.of(directory.baseDn()), Optional.of("example.com")), false);

        assertTrue(check.matches("carol", "carols"));
        assertTrue(check.matches("carol@example.com", "carols"));
        assertFalse(check.matches("alice", "wonderland"));
    }

    @Test
    void aNameTheDirectoryDoesNotTakeForADnIsRefusedNotAnOutage() {
        LdapPasswordCheck check = new LdapPasswordCheck(directory.url(),
                new LdapBindDn(Optional.empty(), Optional.empty()), false);

        assertFalse(check.matches("alice", "wonderland"));
    }

    @Test
    void aStoppedDirectoryIsAnOutageOnceRememberedPasswordsExpire() throws IOException {
        AtomicLong now = new AtomicLong();
        try (LdapDirectory own = start(scratch)) {
            own.addUser("bob", "builder");
            LdapPasswordCheck check = new LdapPasswordCheck(own.url(), people(own), Optional.empty(),
                    CredentialCache.expiring(10, Duration.ofSeconds(60), now::get));
            assertTrue(check.matches("bob", "builder"));

            own.stop();

            assertTrue(check.matches("bob", "builder"), "accepted a minute ago, so remembered");
            assertThrows(CredentialStoreUnavailableException.class, () -> check.matches("bob", "other"));
            now.addAndGet(Duration.ofSeconds(60).toNanos());
            CredentialStoreUnavailableException down = assertThrows(CredentialStoreUnavailableException.class,
                    () -> check.matches("bob", "builder"));
            assertTrue(down.getMessage().contains(own.url()), down.getMessage());
            assertFalse(down.getMessage().contains("builder"), down.getMessage());
        }
    }

    @Test
    void startTlsBindsOverTheEncryptedConnection() throws IOException {
        try (LdapDirectory tls = startRequiringTls(scratch, resource("slapd-tls.crt"), resource("slapd-tls.key"))) {
            tls.addUser("alice", "wonderland");
            LdapPasswordCheck check = new LdapPasswordCheck(tls.url(), people(tls),
                    Optional.of(trusting(resource("slapd-tls.crt"))), cache());

            assertTrue(check.matches("alice", "wonderland"));
            assertFalse(check.matches("alice", "Wonderland"));
            assertThrows(CredentialStoreUnavailableException.class,
                    () -> new LdapPasswordCheck(tls.url(), people(tls), false).matches("alice", "wonderland"),
                    "the server wants TLS for binds; without StartTLS that is a configuration error, not a refusal");
        }
    }

    @Test
    void startTlsFailsClosedWhenTheServerIsNotTrustedOrOffersNoTls() throws IOException {
        try (LdapDirectory tls = startRequiringTls(scratch, resource("slapd-tls.crt"), resource("slapd-tls.key"))) {
            tls.addUser("alice", "wonderland");
            LdapPasswordCheck defaultTrust = new LdapPasswordCheck(tls.url(), people(tls), true);

            assertThrows(CredentialStoreUnavailableException.class, () -> defaultTrust.matches("alice", "wonderland"));
        }
        LdapPasswordCheck noTls = new LdapPasswordCheck(directory.url(), people(directory),
                Optional.of(trusting(resource("slapd-tls.crt"))), cache());
        assertThrows(CredentialStoreUnavailableException.class, () -> noTls.matches("alice", "wonderland"));
    }

    private static LdapPasswordCheck check(LdapDirectory server) {
        return new LdapPasswordCheck(server.url(), people(server), false);
    }

    private static LdapPasswordCheck check(String url) {
        return new LdapPasswordCheck(url, new LdapBindDn(Optional.of("ou=people,dc=example,dc=com"), Optional.empty()),
                false);
    }

    private static LdapBindDn people(LdapDirectory server) {
        return new LdapBindDn(Optional.of(server.baseDn()), Optional.empty());
    }

    private static CredentialCache cache() {
        return CredentialCache.expiring(10, Duration.ofSeconds(60), System::nanoTime);
    }

    private String stoppedServerUrl() throws IOException {
        try (LdapDirectory stopped = start(scratch)) {
            return stopped.url();
        }
    }

    private void bindDirectly(String dn, String password) throws NamingException {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, directory.url());
        environment.put(Context.SECURITY_AUTHENTICATION, "simple");
        environment.put(Context.SECURITY_PRINCIPAL, dn);
        environment.put(Context.SECURITY_CREDENTIALS, password);
        new InitialLdapContext(environment, null).close();
    }

    private static SSLSocketFactory trusting(Path certificate) {
        try (InputStream pem = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("slapd", CertificateFactory.getInstance("X.509").generateCertificate(pem));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(LdapPasswordCheckCases.class.getResource("/security/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
