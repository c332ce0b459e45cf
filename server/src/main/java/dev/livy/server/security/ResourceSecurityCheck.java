package dev.livy.server.security;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The start-up check that every resource method declares its {@link ResourceSecurity}: the server fails closed. */
public final class ResourceSecurityCheck {
    private ResourceSecurityCheck() {
    }

    /** @throws IllegalStateException naming every resource method (or sub-resource locator) without a level */
    public static void requireDeclared(Collection<Class<?>> resourceClasses) {
        List<String> undeclared = new ArrayList<>();
        for (Class<?> resource : resourceClasses) {
            for (Method method : resource.getMethods()) {
                if (isResourceMethod(method) && !method.isAnnotationPresent(ResourceSecurity.class)) {
                    undeclared.add(resource.getSimpleName() + "." + method.getName());
                }
            }
        }
        if (!undeclared.isEmpty()) {
            throw new IllegalStateException("Resource methods without a declared access level (@ResourceSecurity): "
                    + String.join(", ", undeclared.stream().sorted().toList()));
        }
    }

    private static boolean isResourceMethod(Method method) {
        if (method.isAnnotationPresent(Path.class)) {
            return true;
        }
        for (Annotation annotation : method.getAnnotations()) {
            if (annotation.annotationType().isAnnotationPresent(HttpMethod.class)) {
                return true;
            }
        }
        return false;
    }
}
