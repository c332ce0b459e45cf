package dev.livy.server.spark;

import dev.livy.server.error.LivyException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The Spark homes a server launches on: the default one and the named others, and which one a request's conf
 * chooses ({@value #REQUEST_KEY}). Immutable.
 */
public final class SparkHomes {
    /** The request conf key that names the Spark a session or batch runs on; the default one without it. */
    public static final String REQUEST_KEY = "livy.spark.version";

    private final SparkHome defaultHome;
    private final Map<String, SparkHome> byName;

    public SparkHomes(SparkHome defaultHome, List<SparkHome> others) {
        this.defaultHome = Objects.requireNonNull(defaultHome, "defaultHome");
        Map<String, SparkHome> homes = new LinkedHashMap<>();
        homes.put(defaultHome.name(), defaultHome);
        for (SparkHome home : others) {
            if (homes.putIfAbsent(home.name(), home) != null) {
                throw new IllegalArgumentException("Two Spark homes are named " + home.name());
            }
        }
        this.byName = homes;
    }

    public SparkHome defaultHome() {
        return defaultHome;
    }

    /** Every home, the default one first. */
    public List<SparkHome> all() {
        return List.copyOf(new ArrayList<>(byName.values()));
    }

    /**
     * The home that the request's conf names, or the default one when it names none.
     *
     * @throws LivyException (400) naming the configured homes when the conf names another
     */
    public SparkHome select(Map<String, String> conf) {
        String name = conf.get(REQUEST_KEY);
        if (name == null) {
            return defaultHome;
        }
        SparkHome home = byName.get(name.strip());
        if (home == null) {
            throw LivyException.invalid("Unknown Spark '" + name + "' in conf " + REQUEST_KEY
                    + "; this server has: " + byName.values().stream().map(SparkHome::describe)
                    .collect(Collectors.joining(", ")) + ".");
        }
        return home;
    }
}
