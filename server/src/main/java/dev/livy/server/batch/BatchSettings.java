package dev.livy.server.batch;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * What the configuration tells the {@link BatchManager}. Immutable.
 *
 * @param logLinesPerStream lines kept of each of spark-submit's output streams ({@code livy.cache-log.size})
 * @param stopGrace         how long a killed batch has between SIGTERM and SIGKILL
 * @param stateRetention    how long an ended batch is still listed
 */
public record BatchSettings(int logLinesPerStream, Duration stopGrace, Duration stateRetention) {

    public BatchSettings {
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(stateRetention, "stateRetention");
    }

    public static BatchSettings from(LivyConf conf) {
        return new BatchSettings(conf.get(LivyConfKeys.CACHE_LOG_SIZE), conf.get(LivyConfKeys.STOP_GRACE),
                conf.get(LivyConfKeys.STATE_RETAIN));
    }
}
