package dev.livy.server.testing;

import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryRequestHandler;
import com.unboundid.ldap.listener.LDAPListener;
import com.unboundid.ldap.listener.LDAPListenerConfig;
import com.unboundid.ldap.listener.LDAPListenerRequestHandler;
import com.unboundid.ldap.listener.StartTLSRequestHandler;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.util.ssl.PEMFileKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;

/**
 * An LDAP directory in this JVM (UnboundID's in-memory directory), so that the LDAP tests need nothing installed:
 * suffix {@code dc=example,dc=com}, listening on a free port of 127.0.0.1. It answers binds as {@link Slapd} does
 * (see {@link SlapdLikeBinds}).
 *
 * <p>Thread-safe as the directory it wraps; {@link #close()} stops it.
 */
public final class InMemoryLdap implements LdapDirectory {
    private static final String SUFFIX = "dc=example,dc=com";
    private static final String PEOPLE = "ou=people," + SUFFIX;

    private final InMemoryRequestHandler directory;
    private final LDAPListener listener;
    private final String url;

    private InMemoryLdap(InMemoryRequestHandler directory, LDAPListener listener) {
        this.directory = directory;
        this.listener = listener;
        this.url = "ldap://127.0.0.1:" + listener.getListenPort();
    }

    /** Starts a directory that accepts simple binds in plain text and offers no StartTLS. */
    public static InMemoryLdap start() {
        try {
            InMemoryRequestHandler directory = directory();
            return listen(directory, new SlapdLikeBinds(directory, false));
        } catch (LDAPException | IOException e) {
            throw new IllegalStateException("cannot start the in-memory LDAP directory", e);
        }
    }

    /**
     * Starts a directory that offers StartTLS with the given PEM certificate and key, and refuses simple binds on a
     * connection that is not encrypted (LDAP result 13, confidentiality required).
     */
    public static InMemoryLdap startRequiringTls(Path certificate, Path privateKey) {
        try {
            SSLUtil tls = new SSLUtil(new PEMFileKeyManager(certificate.toFile(), privateKey.toFile()), null);
            InMemoryRequestHandler directory = directory();
            return listen(directory, new StartTLSRequestHandler(tls.createSSLSocketFactory(),
                    new SlapdLikeBinds(directory, true)));
        } catch (LDAPException | IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot start the in-memory LDAP directory with TLS", e);
        }
    }

    private static InMemoryRequestHandler directory() throws LDAPException {
        InMemoryRequestHandler directory = new InMemoryRequestHandler(new InMemoryDirectoryServerConfig(SUFFIX));
        directory.addEntry(new Entry(SUFFIX, List.of(new Attribute("objectClass", "dcObject", "organization"),
                new Attribute("dc", "example"), new Attribute("o", "example"))), false);
        directory.addEntry(new Entry(PEOPLE, List.of(new Attribute("objectClass", "organizationalUnit"),
                new Attribute("ou", "people"))), false);
        return directory;
    }

    private static InMemoryLdap listen(InMemoryRequestHandler directory, LDAPListenerRequestHandler handler)
            throws IOException {
        LDAPListenerConfig config = new LDAPListenerConfig(0, handler);
        config.setListenAddress(InetAddress.getLoopbackAddress());
        LDAPListener listener = new LDAPListener(config);
        listener.startListening();
        return new InMemoryLdap(directory, listener);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public String baseDn() {
        return PEOPLE;
    }

    @Override
    public void addUser(String uid, String password) throws IOException {
        try {
            directory.addEntry(new Entry(new DN(new RDN("uid", uid), new DN(PEOPLE)), List.of(
                    new Attribute("objectClass", "inetOrgPerson"), new Attribute("uid", uid),
                    new Attribute("cn", uid), new Attribute("sn", uid), new Attribute("userPassword", password))),
                    false);
        } catch (LDAPException e) {
            throw new IOException("cannot add " + uid, e);
        }
    }

    @Override
    public void stop() {
        listener.shutDown(true);
    }
}
