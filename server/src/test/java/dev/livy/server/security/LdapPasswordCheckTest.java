package dev.livy.server.security;

import dev.livy.server.testing.InMemoryLdap;
import dev.livy.server.testing.LdapDirectory;
import java.nio.file.Path;

/** Against an LDAP directory in this JVM, so that it runs on any machine. */
class LdapPasswordCheckTest extends LdapPasswordCheckCases {
    @Override
    protected LdapDirectory start(Path home) {
        return InMemoryLdap.start();
    }

    @Override
    protected LdapDirectory startRequiringTls(Path home, Path certificate, Path privateKey) {
        return InMemoryLdap.startRequiringTls(certificate, privateKey);
    }
}
