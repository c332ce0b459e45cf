package dev.livy.server.security;

import dev.livy.server.config.SecurityConfKeys;
import jakarta.servlet.Filter;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;

/**
 * A custom authentication type, as Livy allows: {@code livy.server.auth.<type>.class} names a
 * {@link jakarta.servlet.Filter} with a public no-argument constructor, and each
 * {@code livy.server.auth.<type>.param.<name>} becomes one of its init parameters. The filter authenticates by
 * passing on a request whose {@code getRemoteUser()} names the user; {@link RequireUserFilter} behind it refuses
 * any request it lets through without one.
 */
final class CustomAuthentication {
    private CustomAuthentication() {
    }

    /** @throws IllegalArgumentException naming the key when the class is unset, missing or not a filter */
    static FilterHolder filter(String type, Map<String, String> conf, ClassLoader classLoader) {
        String prefix = SecurityConfKeys.customAuthPrefix(type);
        String classKey = prefix + "class";
        String className = conf.get(classKey);
        if (className == null || className.isBlank()) {
            throw new IllegalArgumentException("livy.server.auth.type is '" + type + "', which is not built in "
                    + "(basic, ldap), and " + classKey + " is not set.");
        }
        Filter filter = instantiate(classKey, className.strip(), classLoader);
        FilterHolder holder = new FilterHolder(filter);
        holder.setName("authentication-" + type);
        String paramPrefix = prefix + "param.";
        conf.forEach((key, value) -> {
            if (key.startsWith(paramPrefix) && key.length() > paramPrefix.length()) {
                holder.setInitParameter(key.substring(paramPrefix.length()), value);
            }
        });
        return holder;
    }

    private static Filter instantiate(String classKey, String className, ClassLoader classLoader) {
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException(classKey + ": class " + className + " is not on the class path.", e);
        }
        if (!Filter.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException(classKey + ": " + className + " is not a jakarta.servlet.Filter.");
        }
        try {
            return (Filter) type.getDeclaredConstructor().newInstance();
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException
                | InvocationTargetException e) {
            throw new IllegalArgumentException(classKey + ": cannot create " + className
                    + " (it needs a public constructor without arguments): " + e, e);
        }
    }
}
