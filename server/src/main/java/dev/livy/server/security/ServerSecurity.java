package dev.livy.server.security;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.SecurityConfKeys;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * The HTTP side of the security configuration, checked at start: the servlet filters every request passes
 * (authentication, then CSRF) and the TLS settings. Immutable.
 */
public final class ServerSecurity {
    public static final String BASIC = "basic";
    public static final String LDAP = "ldap";

    private final Optional<String> authType;
    private final List<FilterHolder> filters;
    private final Optional<TlsSettings> tls;

    /** Security built by hand (the server builds it with {@link #from}). */
    public ServerSecurity(Optional<String> authType, List<FilterHolder> filters, Optional<TlsSettings> tls) {
        this.authType = authType;
        this.filters = List.copyOf(filters);
        this.tls = tls;
    }

    /** @throws IllegalArgumentException naming the key of a missing or contradictory setting */
    public static ServerSecurity from(LivyConf conf, ClassLoader classLoader) {
        Optional<String> authType = conf.get(SecurityConfKeys.AUTH_TYPE).map(String::strip);
        if (conf.get(SecurityConfKeys.ACCESS_CONTROL) && authType.isEmpty()) {
            throw new IllegalArgumentException("livy.server.access-control.enabled needs livy.server.auth.type: "
                    + "without authentication there is no user to let in.");
        }
        List<FilterHolder> filters = new ArrayList<>();
        authType.ifPresent(type -> {
            filters.add(authenticationFilter(type, conf, classLoader));
            filters.add(new FilterHolder(new RequireUserFilter()));
        });
        if (conf.get(SecurityConfKeys.CSRF_PROTECTION)) {
            filters.add(new FilterHolder(new CsrfFilter()));
        }
        return new ServerSecurity(authType, filters, tls(conf));
    }

    /** No authentication, no CSRF check, plain HTTP. */
    public static ServerSecurity none() {
        return new ServerSecurity(Optional.empty(), List.of(), Optional.empty());
    }

    public Optional<String> authType() {
        return authType;
    }

    public List<FilterHolder> filters() {
        return filters;
    }

    public Optional<TlsSettings> tls() {
        return tls;
    }

    private static FilterHolder authenticationFilter(String type, LivyConf conf, ClassLoader classLoader) {
        return switch (type) {
            case BASIC -> new FilterHolder(new BasicAuthenticationFilter(PasswordChecks.htpasswd(conf)));
            case LDAP -> new FilterHolder(new BasicAuthenticationFilter(PasswordChecks.ldap(conf)));
            default -> CustomAuthentication.filter(type, conf.rawValues(), classLoader);
        };
    }

    private static Optional<TlsSettings> tls(LivyConf conf) {
        Optional<String> keystore = conf.get(SecurityConfKeys.KEYSTORE);
        if (keystore.isEmpty()) {
            return Optional.empty();
        }
        String password = conf.get(SecurityConfKeys.KEYSTORE_PASSWORD).orElseThrow(() ->
                new IllegalArgumentException("livy.keystore is set but livy.keystore.password is not."));
        return Optional.of(new TlsSettings(Path.of(keystore.get()), password,
                conf.get(SecurityConfKeys.KEY_PASSWORD).orElse(password), conf.get(SecurityConfKeys.KEYSTORE_TYPE)));
    }
}
