package dev.livy.server.security;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Livy's impersonation rule: with it on, a session or batch runs as the requested user ({@code doAs}, else
 * {@code proxyUser}), by default as the authenticated user; a user may ask only for themself unless a superuser.
 * Off, requested users are ignored. Immutable and thread-safe.
 */
public final class Impersonation {
    private final boolean enabled;
    private final Set<String> superusers;

    public Impersonation(boolean enabled, List<String> superusers) {
        this.enabled = enabled;
        this.superusers = Set.copyOf(superusers);
    }

    public static Impersonation disabled() {
        return new Impersonation(false, List.of());
    }

    public boolean enabled() {
        return enabled;
    }

    /**
     * The user a new session or batch runs as, or empty for the server's own user.
     *
     * @param requester the authenticated user, or null without authentication
     * @param requested {@code doAs} if given, else the request's {@code proxyUser}; null for neither
     * @throws ImpersonationRefusedException when the requester may not act as {@code requested}
     */
    public Optional<String> proxyUser(String requester, String requested) {
        if (!enabled) {
            return Optional.empty();
        }
        if (requested == null) {
            return Optional.ofNullable(requester);
        }
        check(requester, requested);
        return Optional.of(requested);
    }

    /**
     * The user whose rights apply to a request: {@code doAs} when impersonation is on and given, else the
     * requester.
     *
     * @throws ImpersonationRefusedException when the requester may not act as {@code doAs}
     */
    public String effectiveUser(String requester, String doAs) {
        if (!enabled || doAs == null) {
            return requester;
        }
        check(requester, doAs);
        return doAs;
    }

    private void check(String requester, String requested) {
        if (requested.equals(requester) || (requester != null && superusers.contains(requester))) {
            return;
        }
        throw new ImpersonationRefusedException(requester, requested);
    }
}
