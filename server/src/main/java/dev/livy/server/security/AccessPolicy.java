package dev.livy.server.security;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Who may use the server, and who may read or change a session or batch, given its owner: Livy's access control.
 * Off, everyone may do everything. A null user (no authentication) is never allowed anything while it is on.
 * Immutable and thread-safe.
 */
public final class AccessPolicy {
    private static final String EVERYONE = "*";

    private final boolean enabled;
    private final Set<String> allowedUsers;
    private final Set<String> viewUsers;
    private final Set<String> modifyUsers;
    private final Set<String> superusers;

    public AccessPolicy(boolean enabled, List<String> allowedUsers, List<String> viewUsers, List<String> modifyUsers,
            List<String> superusers) {
        this.enabled = enabled;
        this.allowedUsers = Set.copyOf(allowedUsers);
        this.viewUsers = Set.copyOf(viewUsers);
        this.modifyUsers = Set.copyOf(modifyUsers);
        this.superusers = Set.copyOf(superusers);
    }

    public static AccessPolicy disabled() {
        return new AccessPolicy(false, List.of(EVERYONE), List.of(), List.of(), List.of());
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether the user may use the server at all ({@code allowed-users}; superusers always may). */
    public boolean isAllowed(String user) {
        if (!enabled) {
            return true;
        }
        return user != null && (allowedUsers.contains(EVERYONE) || allowedUsers.contains(user)
                || superusers.contains(user));
    }

    public boolean may(AccessLevel level, String owner, String user) {
        Objects.requireNonNull(level, "level");
        if (!enabled) {
            return true;
        }
        if (!isAllowed(user)) {
            return false;
        }
        return switch (level) {
            case ANY_USER -> true;
            case VIEW -> user.equals(owner) || superusers.contains(user) || viewUsers.contains(user)
                    || modifyUsers.contains(user);
            case MODIFY -> user.equals(owner) || superusers.contains(user) || modifyUsers.contains(user);
        };
    }
}
