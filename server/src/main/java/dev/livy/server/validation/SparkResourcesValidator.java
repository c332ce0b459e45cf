package dev.livy.server.validation;

import dev.livy.server.error.LivyException;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.spark.SparkHomes;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks that session and batch requests share: memory sizes, positive counts, blacklisted conf keys, and
 * local paths (in the resource lists and in the conf keys that carry paths) against the whitelist. Immutable.
 */
public final class SparkResourcesValidator {
    private static final Pattern MEMORY = Pattern.compile("\\d+[kKmMgGtT]?[bB]?");
    /** Conf keys whose comma-separated values Spark reads as files to ship: the whitelist applies to them too. */
    private static final Set<String> PATH_CONF_KEYS = Set.of("spark.jars", "spark.submit.pyFiles", "spark.files",
            "spark.archives", "spark.yarn.dist.jars", "spark.yarn.dist.files", "spark.yarn.dist.archives",
            "spark.yarn.dist.pyFiles");

    private final SparkConfBlacklist blacklist;
    private final LocalPathWhitelist whitelist;
    private final Optional<SparkHomes> sparkHomes;

    /** Without Spark homes: the Spark a request names ({@link SparkHomes#REQUEST_KEY}) is not checked here. */
    public SparkResourcesValidator(SparkConfBlacklist blacklist, LocalPathWhitelist whitelist) {
        this(blacklist, whitelist, Optional.empty());
    }

    /** @param sparkHomes the Spark homes a request may name in {@link SparkHomes#REQUEST_KEY} */
    public SparkResourcesValidator(SparkConfBlacklist blacklist, LocalPathWhitelist whitelist,
            Optional<SparkHomes> sparkHomes) {
        this.blacklist = Objects.requireNonNull(blacklist, "blacklist");
        this.whitelist = Objects.requireNonNull(whitelist, "whitelist");
        this.sparkHomes = Objects.requireNonNull(sparkHomes, "sparkHomes");
    }

    /** The whitelist's check of one path a request names, such as a file added to a running session. */
    public void checkLocalPath(String field, String value) {
        whitelist.check(field, value);
    }

    /**
     * @param what "session" or "batch", for the messages
     * @throws LivyException 400 saying what to fix
     */
    public void validate(SparkResources resources, String what) {
        noNulByte("name", resources.name());
        noNulByte("queue", resources.queue());
        noNulByte("proxyUser", resources.proxyUser());
        memory("driverMemory", resources.driverMemory());
        memory("executorMemory", resources.executorMemory());
        positive("driverCores", resources.driverCores());
        positive("executorCores", resources.executorCores());
        positive("numExecutors", resources.numExecutors());
        List<String> forbidden = blacklist.violations(resources.conf().keySet());
        if (!forbidden.isEmpty()) {
            throw LivyException.invalid("Blacklisted configuration values in " + what + " config: "
                    + String.join(", ", forbidden) + ".");
        }
        sparkHomes.ifPresent(homes -> homes.select(resources.conf()));
        paths("jars", resources.jars());
        paths("pyFiles", resources.pyFiles());
        paths("files", resources.files());
        paths("archives", resources.archives());
        resources.conf().forEach((key, value) -> {
            if (PATH_CONF_KEYS.contains(key)) {
                Arrays.stream(value.split(",")).map(String::strip).filter(path -> !path.isEmpty())
                        .forEach(path -> whitelist.check("conf." + key, path));
            }
        });
    }

    /** Checks one local or remote path, such as a batch's {@code file}. */
    public void path(String field, String value) {
        whitelist.check(field, value);
    }

    /** A NUL cannot be passed to a process: spark-submit would not start, so the request is refused instead. */
    public void noNulByte(String field, String value) {
        if (value != null && value.indexOf('\0') >= 0) {
            throw LivyException.invalid("Field '" + field + "' must not contain a NUL byte.");
        }
    }

    private void paths(String field, List<String> values) {
        if (values.stream().anyMatch(value -> value == null || value.isBlank())) {
            throw LivyException.invalid("Field '" + field + "' must not contain empty paths.");
        }
        values.forEach(value -> whitelist.check(field, value));
    }

    private static void memory(String field, String value) {
        if (value != null && !MEMORY.matcher(value.strip()).matches()) {
            throw LivyException.invalid("Field '" + field + "' must be a memory size such as 512m or 2g, not '"
                    + value + "'.");
        }
    }

    private static void positive(String field, Integer value) {
        if (value != null && value <= 0) {
            throw LivyException.invalid("Field '" + field + "' must be a positive integer.");
        }
    }
}
