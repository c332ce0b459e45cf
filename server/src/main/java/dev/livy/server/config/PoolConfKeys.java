package dev.livy.server.config;

import dev.livy.common.SessionKind;
import java.time.Duration;
import java.util.List;

/**
 * The warm pool part of the catalogue: drivers started ahead, with the server's defaults, that a new session takes
 * instead of waiting for spark-submit (see docs/configuration.md#warm-pool). Part of {@link LivyConfKeys#ALL}.
 */
public final class PoolConfKeys {
    public static final ConfigKey<Integer> SIZE = new ConfigKey<>("livy.server.session.pool.size", "0",
            "Pooled drivers held ready for each kind of livy.server.session.pool.kinds; 0 disables the pool.",
            PoolConfKeys::size);
    public static final ConfigKey<List<SessionKind>> KINDS = new ConfigKey<>("livy.server.session.pool.kinds",
            "pyspark", "The session kinds the pool holds drivers for, comma-separated: spark, pyspark, sparkr, sql.",
            PoolConfKeys::kinds);
    public static final ConfigKey<Duration> REFILL_DELAY = new ConfigKey<>("livy.server.session.pool.refill-delay",
            "1s", "How long the pool waits before launching a replacement for a driver that a session took or that "
                    + "stopped; after a driver that died before it was ready, at least 30s.", ValueParsers::duration);

    static final List<ConfigKey<?>> ALL = List.of(SIZE, KINDS, REFILL_DELAY);

    private PoolConfKeys() {
    }

    private static int size(String value) {
        int size = ValueParsers.integer(value);
        if (size < 0) {
            throw new IllegalArgumentException("expected 0 (no pool) or a positive integer");
        }
        return size;
    }

    private static List<SessionKind> kinds(String value) {
        List<SessionKind> kinds = ValueParsers.list(value).stream().map(name -> SessionKind.parse(name)
                .filter(kind -> kind != SessionKind.SHARED)
                .orElseThrow(() -> new IllegalArgumentException("expected kinds among spark, pyspark, sparkr, sql, "
                        + "not " + name))).distinct().toList();
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("expected at least one kind");
        }
        return kinds;
    }
}
