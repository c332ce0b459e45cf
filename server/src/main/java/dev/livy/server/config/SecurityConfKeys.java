package dev.livy.server.config;

import java.util.List;
import java.util.Optional;

/**
 * The security part of the catalogue (authentication, access control, impersonation, CSRF, TLS), with Livy's key
 * names. Part of {@link LivyConfKeys#ALL}. A custom authentication type adds two dynamic families,
 * {@code livy.server.auth.<type>.class} and {@code livy.server.auth.<type>.param.*}, read by prefix.
 */
public final class SecurityConfKeys {
    public static final ConfigKey<Optional<String>> AUTH_TYPE = new ConfigKey<>("livy.server.auth.type", "",
            "How requests are authenticated: basic (htpasswd file of bcrypt hashes), ldap, or the name of a custom "
                    + "type with its own livy.server.auth.<type>.class. Unset: no authentication, and the server "
                    + "listens on loopback unless livy.server.host is set.", ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> BASIC_CREDENTIALS_FILE = new ConfigKey<>(
            "livy.server.auth.basic.credentials-file", "",
            "For basic: the htpasswd file (htpasswd -B) of users and bcrypt hashes; re-read when it changes.",
            ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> LDAP_URL = new ConfigKey<>("livy.server.auth.ldap.url", "",
            "For ldap: the directory's URL, such as ldap://ldap.example.com:389.", ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> LDAP_BASE_DN = new ConfigKey<>("livy.server.auth.ldap.base-dn",
            "", "For ldap: users bind as uid=<user>,<base-dn>.", ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> LDAP_USERNAME_DOMAIN = new ConfigKey<>(
            "livy.server.auth.ldap.username-domain", "",
            "For ldap without base-dn: users bind as <user>@<domain> (Active Directory).", ValueParsers::optionalText);
    public static final ConfigKey<Boolean> LDAP_START_TLS = new ConfigKey<>(
            "livy.server.auth.ldap.enable-start-tls", "false",
            "For ldap: upgrade the connection with StartTLS before binding.", ValueParsers::bool);
    public static final ConfigKey<Boolean> ACCESS_CONTROL = new ConfigKey<>(
            "livy.server.access-control.enabled", "false",
            "Whether sessions and batches are visible to and changeable by their owner, view-users, modify-users "
                    + "and superusers only. Needs livy.server.auth.type.", ValueParsers::bool);
    public static final ConfigKey<List<String>> ALLOWED_USERS = new ConfigKey<>(
            "livy.server.access-control.allowed-users", "*",
            "With access control: the users who may use the server at all (comma-separated; * for every "
                    + "authenticated user).", ValueParsers::list);
    public static final ConfigKey<List<String>> VIEW_USERS = new ConfigKey<>(
            "livy.server.access-control.view-users", "",
            "With access control: users who may read every session and batch.", ValueParsers::list);
    public static final ConfigKey<List<String>> MODIFY_USERS = new ConfigKey<>(
            "livy.server.access-control.modify-users", "",
            "With access control: users who may read and change (run statements in, cancel, delete) every session "
                    + "and batch.", ValueParsers::list);
    public static final ConfigKey<List<String>> SUPERUSERS = new ConfigKey<>("livy.superusers", "",
            "Users who may impersonate anyone and, with access control, read and change everything.",
            ValueParsers::list);
    public static final ConfigKey<Boolean> IMPERSONATION = new ConfigKey<>("livy.impersonation.enabled", "false",
            "Whether sessions and batches run as proxyUser or doAs (spark-submit --proxy-user), by default as "
                    + "the authenticated user. Off: both are ignored and everything runs as the server's user.",
            ValueParsers::bool);
    public static final ConfigKey<Boolean> CSRF_PROTECTION = new ConfigKey<>(
            "livy.server.csrf-protection.enabled", "false",
            "Whether POST, PUT, PATCH and DELETE requests need an X-Requested-By header (400 without).",
            ValueParsers::bool);
    public static final ConfigKey<Optional<String>> KEYSTORE = new ConfigKey<>("livy.keystore", "",
            "Keystore with the server's key and certificate; set, the server speaks HTTPS only (TLS 1.2 and 1.3) "
                    + "and sends HSTS.", ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> KEYSTORE_PASSWORD = new ConfigKey<>("livy.keystore.password",
            "", "Password of the keystore. Keep livy.conf readable by the server's user only.",
            ValueParsers::optionalText);
    public static final ConfigKey<Optional<String>> KEY_PASSWORD = new ConfigKey<>("livy.key-password", "",
            "Password of the key in the keystore. Unset: the keystore password.", ValueParsers::optionalText);
    public static final ConfigKey<String> KEYSTORE_TYPE = new ConfigKey<>("livy.keystore.type", "PKCS12",
            "Type of the keystore: PKCS12 or JKS.", ValueParsers::text);

    static final List<ConfigKey<?>> ALL = List.of(AUTH_TYPE, BASIC_CREDENTIALS_FILE, LDAP_URL, LDAP_BASE_DN,
            LDAP_USERNAME_DOMAIN, LDAP_START_TLS, ACCESS_CONTROL, ALLOWED_USERS, VIEW_USERS, MODIFY_USERS, SUPERUSERS,
            IMPERSONATION, CSRF_PROTECTION, KEYSTORE, KEYSTORE_PASSWORD, KEY_PASSWORD, KEYSTORE_TYPE);

    /** The prefix of a custom authentication type's keys: {@code livy.server.auth.<type>.}. */
    public static String customAuthPrefix(String type) {
        return "livy.server.auth." + type + ".";
    }

    private SecurityConfKeys() {
    }
}
