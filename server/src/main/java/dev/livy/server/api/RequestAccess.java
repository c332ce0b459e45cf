package dev.livy.server.api;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.AccessPolicy;
import dev.livy.server.security.Impersonation;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Applies the access policy and the impersonation rule to a request: who is asking, as whom, and whether that
 * user may see or change a given owner's session or batch. Refusals are 403 {@code {"msg"}}. Thread-safe.
 */
public final class RequestAccess {
    private final AccessPolicy policy;
    private final Impersonation impersonation;

    public RequestAccess(AccessPolicy policy, Impersonation impersonation) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.impersonation = Objects.requireNonNull(impersonation, "impersonation");
    }

    public static RequestAccess open() {
        return new RequestAccess(AccessPolicy.disabled(), Impersonation.disabled());
    }

    /** False when neither access control nor impersonation is on: every check would pass. */
    boolean checksAnything() {
        return policy.enabled() || impersonation.enabled();
    }

    /** The authenticated user, or null without authentication. */
    static String authenticatedUser(SecurityContext security) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    /** The user whose rights apply: {@code doAs} if impersonation allows it, else the authenticated user. */
    String effectiveUser(SecurityContext security, String doAs) {
        return impersonation.effectiveUser(authenticatedUser(security), blankToNull(doAs));
    }

    /** The user a new session or batch runs as ({@code doAs} wins over {@code proxyUser}); empty: the server's. */
    Optional<String> proxyUser(SecurityContext security, String doAs, String requestedProxyUser) {
        String requested = blankToNull(doAs) != null ? doAs.strip() : blankToNull(requestedProxyUser);
        return impersonation.proxyUser(authenticatedUser(security), requested);
    }

    void requireAllowed(SecurityContext security) {
        String user = authenticatedUser(security);
        if (!policy.isAllowed(user)) {
            throw new LivyException(ErrorCode.ACCESS_DENIED, "User '" + user + "' is not allowed to use this server.");
        }
    }

    /**
     * Which owners' sessions and batches a listing shows the user; empty when access control is off (all).
     */
    Optional<Predicate<String>> visibleOwners(SecurityContext security, String doAs) {
        if (!policy.enabled()) {
            return Optional.empty();
        }
        String user = effectiveUser(security, doAs);
        return Optional.of(owner -> policy.may(AccessLevel.VIEW, owner, user));
    }

    boolean may(AccessLevel level, String owner, String effectiveUser) {
        return policy.may(level, owner, effectiveUser);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
