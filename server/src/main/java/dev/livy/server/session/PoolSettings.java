package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.server.config.LivyConf;
import dev.livy.server.config.PoolConfKeys;
import dev.livy.server.launch.SparkResources;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What the configuration tells the warm pool, and which sessions it serves. Immutable.
 *
 * @param size        pooled drivers held for each kind; 0 disables the pool
 * @param kinds       the session kinds it holds drivers for
 * @param refillDelay the wait before a replacement is launched
 */
public record PoolSettings(int size, List<SessionKind> kinds, Duration refillDelay) {
    public static final PoolSettings DISABLED = new PoolSettings(0, List.of(), Duration.ZERO);
    /** A driver that died before it was ready is likely to die again: its replacement waits at least this. */
    static final Duration FAILED_REFILL_DELAY = Duration.ofSeconds(30);

    public PoolSettings {
        kinds = List.copyOf(kinds);
        Objects.requireNonNull(refillDelay, "refillDelay");
    }

    public static PoolSettings from(LivyConf conf) {
        return new PoolSettings(conf.get(PoolConfKeys.SIZE), conf.get(PoolConfKeys.KINDS),
                conf.get(PoolConfKeys.REFILL_DELAY));
    }

    boolean enabled() {
        return size > 0 && !kinds.isEmpty();
    }

    /**
     * Whether a session may take a pooled driver: its kind is pooled and it asks for nothing a launch would take
     * (its own Spark, conf, files, resources or user). Its name is fine: it names the session, not the application.
     */
    boolean serves(SessionKind kind, SparkResources resources) {
        return enabled() && kinds.contains(kind)
                && resources.withName(null).equals(SparkResources.named(null));
    }

    /** The Spark application name of a pooled driver, which a session that takes it keeps. */
    static String applicationName(int poolId) {
        return "livy-pool-" + -poolId;
    }
}
