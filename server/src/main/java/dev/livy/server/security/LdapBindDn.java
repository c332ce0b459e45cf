package dev.livy.server.security;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * The name a user binds to LDAP with, by the rules of Hadoop's {@code LdapAuthenticationHandler}, which Livy uses:
 * with a username domain ({@code livy.server.auth.ldap.username-domain}) a name without {@code @} gets
 * {@code @domain} appended; then with a base DN ({@code livy.server.auth.ldap.base-dn}) the bind DN is
 * {@code uid=<name>,<base DN>}, and without one the name itself ({@code alice@example.com}, the form Active
 * Directory accepts). Names that could change the structure of the DN (the RFC 4514 specials {@code , + " \ < > ; =},
 * a leading {@code #} or space, a trailing space, control characters) are refused rather than escaped: no real user
 * name needs them. Immutable.
 */
public final class LdapBindDn {
    private static final String SPECIALS = ",+\"\\<>;=";

    private final Optional<String> baseDn;
    private final Optional<String> usernameDomain;

    /** Blank values count as not set, as an empty configuration value would. */
    public LdapBindDn(Optional<String> baseDn, Optional<String> usernameDomain) {
        this.baseDn = requireNonNull(baseDn, "baseDn").filter(value -> !value.isBlank());
        this.usernameDomain = requireNonNull(usernameDomain, "usernameDomain").filter(value -> !value.isBlank());
    }

    /** The DN to bind as, or empty when the user name is refused. */
    public Optional<String> of(String user) {
        requireNonNull(user, "user");
        if (!acceptable(user)) {
            return Optional.empty();
        }
        String name = usernameDomain.isPresent() && user.indexOf('@') < 0 ? user + "@" + usernameDomain.get() : user;
        return Optional.of(baseDn.map(base -> "uid=" + name + "," + base).orElse(name));
    }

    private static boolean acceptable(String user) {
        if (user.isEmpty() || user.startsWith("#") || user.startsWith(" ") || user.endsWith(" ")) {
            return false;
        }
        return user.chars().noneMatch(c -> c < 0x20 || c == 0x7f || SPECIALS.indexOf(c) >= 0);
    }
}
