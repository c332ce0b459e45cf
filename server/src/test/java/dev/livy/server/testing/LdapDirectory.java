package dev.livy.server.testing;

import java.io.IOException;

/**
 * A throwaway LDAP directory for tests: people under {@link #baseDn()}, reached at {@link #url()} on 127.0.0.1.
 * Like many directories it accepts an unauthenticated bind (a DN with an empty password) as anonymous. Two
 * implementations: {@link InMemoryLdap} in this JVM, which runs everywhere, and {@link Slapd}, a real OpenLDAP
 * server where one is installed.
 */
public interface LdapDirectory extends AutoCloseable {
    /** {@code ldap://127.0.0.1:<port>} */
    String url();

    /** {@code ou=people,dc=example,dc=com}, where {@link #addUser} puts people as {@code uid=<uid>}. */
    String baseDn();

    /** Adds an {@code inetOrgPerson} {@code uid=<uid>} under {@link #baseDn()} with the password as given. */
    void addUser(String uid, String password) throws IOException;

    /** Stops the directory and waits until it no longer listens. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
