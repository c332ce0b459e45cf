package dev.livy.server.security;

import dev.livy.server.testing.LdapDirectory;
import dev.livy.server.testing.Slapd;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Against a real OpenLDAP server. The build runs it only where slapd is installed (the {@code slapd} profile of
 * server/pom.xml), so a machine without slapd skips nothing: it runs {@link LdapPasswordCheckTest} alone.
 */
class LdapPasswordCheckSlapdTest extends LdapPasswordCheckCases {
    @Override
    protected LdapDirectory start(Path home) throws IOException {
        return Slapd.start(home);
    }

    @Override
    protected LdapDirectory startRequiringTls(Path home, Path certificate, Path privateKey) throws IOException {
        return Slapd.startRequiringTls(home, certificate, privateKey);
    }
}
