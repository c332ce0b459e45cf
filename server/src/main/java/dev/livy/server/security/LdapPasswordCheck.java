package dev.livy.server.security;

import static java.util.Objects.requireNonNull;

import dev.livy.server.util.LogText;
import java.io.IOException;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.InvalidNameException;
import javax.naming.NamingException;
import javax.naming.ldap.InitialLdapContext;
import javax.naming.ldap.LdapContext;
import javax.naming.ldap.StartTlsRequest;
import javax.naming.ldap.StartTlsResponse;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks passwords by an LDAP simple bind as the user ({@link LdapBindDn} makes the DN), optionally after StartTLS.
 *
 * <p>Empty passwords are refused without asking the server: a simple bind with a DN and no password is an
 * "unauthenticated bind", which many directories answer with success. A wrong password or unknown user (LDAP result
 * 49, invalid credentials) is {@code false}, and so is a name the server does not take for a DN (result 34, logged
 * as a warning because a wrong base DN looks the same). A server that cannot be reached, times out (5 s to connect,
 * 5 s per answer), refuses StartTLS or presents a certificate the JVM does not trust throws
 * {@link CredentialStoreUnavailableException}, as does any other LDAP error, so that nobody is let in by accident.
 * StartTLS trusts what the JVM trusts ({@code javax.net.ssl.trustStore}) and checks the host name.
 *
 * <p>A bind per request would be slow and load the directory, so an accepted user and password are remembered for
 * 60 seconds (as keyed hashes, see {@link CredentialCache}): a password changed or an account disabled in the
 * directory can still be used for up to that long, also while the directory is down. Refusals are not remembered.
 * Passwords are never logged. Thread-safe.
 */
public final class LdapPasswordCheck implements PasswordCheck {
    private static final Logger LOG = LoggerFactory.getLogger(LdapPasswordCheck.class);
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    static final Duration REMEMBER_ACCEPTED = Duration.ofSeconds(60);

    private final String url;
    private final LdapBindDn bindDn;
    private final Optional<SSLSocketFactory> startTls;
    private final CredentialCache accepted;

    /**
     * @param url {@code ldap://host:port} or {@code ldaps://host:port}
     * @param startTls whether to secure the connection with StartTLS before binding
     */
    public LdapPasswordCheck(String url, LdapBindDn bindDn, boolean startTls) {
        this(url, bindDn,
                startTls ? Optional.of((SSLSocketFactory) SSLSocketFactory.getDefault()) : Optional.empty(),
                CredentialCache.expiring(CredentialCache.DEFAULT_CAPACITY, REMEMBER_ACCEPTED, System::nanoTime));
    }

    /** @param startTls the sockets to negotiate StartTLS with (which decide whom to trust), or empty for none */
    LdapPasswordCheck(String url, LdapBindDn bindDn, Optional<SSLSocketFactory> startTls,
            CredentialCache accepted) {
        this.url = requireNonNull(url, "url");
        if (!url.startsWith("ldap://") && !url.startsWith("ldaps://")) {
            throw new IllegalArgumentException("LDAP URL must start with ldap:// or ldaps://: " + url);
        }
        this.bindDn = requireNonNull(bindDn, "bindDn");
        this.startTls = requireNonNull(startTls, "startTls");
        this.accepted = requireNonNull(accepted, "accepted");
    }

    @Override
    public boolean matches(String user, String password) {
        requireNonNull(user, "user");
        requireNonNull(password, "password");
        if (password.isEmpty() || password.indexOf('\0') >= 0) {
            return false;
        }
        Optional<String> dn = bindDn.of(user);
        if (dn.isEmpty()) {
            return false;
        }
        if (accepted.contains(user, password)) {
            return true;
        }
        boolean bound = bind(dn.get(), password);
        if (bound) {
            accepted.add(user, password);
        }
        return bound;
    }

    private boolean bind(String dn, String password) {
        try {
            if (startTls.isPresent()) {
                bindAfterStartTls(startTls.get(), dn, password);
            } else {
                bindPlain(dn, password);
            }
            return true;
        } catch (AuthenticationException e) {
            return false;
        } catch (InvalidNameException e) {
            // The user's name is what made the DN, so this is a refusal; the warning shows a base DN that is wrong.
            LOG.warn("The LDAP server {} does not accept {} as a DN: {}", url, LogText.escape(dn),
                    LogText.escape(e.getMessage()));
            return false;
        } catch (NamingException | IOException e) {
            throw new CredentialStoreUnavailableException("Cannot check the password of " + dn + " with the LDAP "
                    + "server " + url + ": " + e, e);
        }
    }

    private void bindPlain(String dn, String password) throws NamingException {
        Hashtable<String, Object> environment = connection();
        environment.put(Context.SECURITY_AUTHENTICATION, "simple");
        environment.put(Context.SECURITY_PRINCIPAL, dn);
        environment.put(Context.SECURITY_CREDENTIALS, password);
        new InitialLdapContext(environment, null).close();
    }

    private void bindAfterStartTls(SSLSocketFactory sockets, String dn, String password)
            throws NamingException, IOException {
        LdapContext context = new InitialLdapContext(connection(), null);
        try {
            StartTlsResponse tls = (StartTlsResponse) context.extendedOperation(new StartTlsRequest());
            try {
                tls.negotiate(sockets);
                context.addToEnvironment(Context.SECURITY_AUTHENTICATION, "simple");
                context.addToEnvironment(Context.SECURITY_PRINCIPAL, dn);
                context.addToEnvironment(Context.SECURITY_CREDENTIALS, password);
                // Binds again on the same, now encrypted, connection.
                context.reconnect(null);
            } finally {
                closeQuietly(tls);
            }
        } finally {
            context.close();
        }
    }

    /** The bind has answered by now; failing to say goodbye politely changes nothing. */
    private static void closeQuietly(StartTlsResponse tls) {
        try {
            tls.close();
        } catch (IOException e) {
            // nothing to do: the connection is dropped with the context
        }
    }

    private Hashtable<String, Object> connection() {
        Hashtable<String, Object> environment = new Hashtable<>();
        environment.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        environment.put(Context.PROVIDER_URL, url);
        environment.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(TIMEOUT.toMillis()));
        environment.put("com.sun.jndi.ldap.read.timeout", String.valueOf(TIMEOUT.toMillis()));
        return environment;
    }
}
