package dev.livy.server.security;

import dev.livy.server.config.LivyConf;

/** Builds the password check of the basic and ldap authentication types from their keys. */
final class PasswordChecks {
    private PasswordChecks() {
    }

    static PasswordCheck htpasswd(LivyConf conf) {
        throw new IllegalArgumentException("basic authentication is not wired yet");
    }

    static PasswordCheck ldap(LivyConf conf) {
        throw new IllegalArgumentException("ldap authentication is not wired yet");
    }
}
