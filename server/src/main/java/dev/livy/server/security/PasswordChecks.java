package dev.livy.server.security;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.SecurityConfKeys;
import java.nio.file.Path;

/** Builds the password check of the basic and ldap authentication types from their keys. */
final class PasswordChecks {
    private PasswordChecks() {
    }

    static PasswordCheck htpasswd(LivyConf conf) {
        String file = conf.get(SecurityConfKeys.BASIC_CREDENTIALS_FILE).orElseThrow(() -> new IllegalArgumentException(
                "livy.server.auth.type is basic but livy.server.auth.basic.credentials-file is not set."));
        return new HtpasswdFile(Path.of(file));
    }

    static PasswordCheck ldap(LivyConf conf) {
        String url = conf.get(SecurityConfKeys.LDAP_URL).orElseThrow(() -> new IllegalArgumentException(
                "livy.server.auth.type is ldap but livy.server.auth.ldap.url is not set."));
        return new LdapPasswordCheck(url, new LdapBindDn(conf.get(SecurityConfKeys.LDAP_BASE_DN),
                conf.get(SecurityConfKeys.LDAP_USERNAME_DOMAIN)), conf.get(SecurityConfKeys.LDAP_START_TLS));
    }
}
