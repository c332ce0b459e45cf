package dev.livy.server.api;

import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import dev.livy.server.security.AccessLevel;
import dev.livy.server.security.ResourceSecurity;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Method;
import java.util.Objects;
import java.util.Optional;

/**
 * Enforces each resource method's declared {@link AccessLevel} before it runs: allowed users, impersonation via
 * {@code doAs}, and view or modify rights over the session or batch the path names. A method without a level is
 * refused (and the server does not start with one), except Jersey's own OPTIONS answer, which any allowed user
 * gets. Thread-safe.
 */
@Priority(Priorities.AUTHORIZATION)
public final class AccessFilter implements ContainerRequestFilter {
    @Context
    private ResourceInfo resourceInfo;

    private final RequestAccess access;
    private final ResourceOwners owners;

    public AccessFilter(RequestAccess access, ResourceOwners owners) {
        this.access = Objects.requireNonNull(access, "access");
        this.owners = Objects.requireNonNull(owners, "owners");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Method method = resourceInfo.getResourceMethod();
        ResourceSecurity declared = method == null ? null : method.getAnnotation(ResourceSecurity.class);
        if (declared == null && request.getMethod().equals(HttpMethod.OPTIONS)) {
            // Jersey's own answer, naming the resource's methods: as open as the least of them.
            if (access.checksAnything()) {
                access.requireAllowed(request.getSecurityContext());
            }
            return;
        }
        if (declared == null) {
            throw new LivyException(ErrorCode.ACCESS_DENIED, "This resource declares no access level.");
        }
        if (!access.checksAnything()) {
            return;
        }
        access.requireAllowed(request.getSecurityContext());
        String user = access.effectiveUser(request.getSecurityContext(),
                request.getUriInfo().getQueryParameters().getFirst("doAs"));
        if (declared.value() == AccessLevel.ANY_USER) {
            return;
        }
        Optional<ResourceOwners.Owned> owned = owners.find(request.getUriInfo().getPathParameters());
        if (owned.isEmpty()) {
            return;
        }
        if (!access.may(declared.value(), owned.get().owner(), user)) {
            if (owned.get().name().isPresent() && !access.may(AccessLevel.VIEW, owned.get().owner(), user)) {
                // Answered as for a name nobody holds, so that names of sessions one may not see do not leak.
                throw PathLookup.sessionNotFound(owned.get().name().get());
            }
            String verb = declared.value() == AccessLevel.VIEW ? "view" : "modify";
            throw new LivyException(ErrorCode.ACCESS_DENIED,
                    "User '" + user + "' is not allowed to " + verb + " " + owned.get().description() + ".");
        }
    }
}
