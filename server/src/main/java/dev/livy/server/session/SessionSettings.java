package dev.livy.server.session;

import dev.livy.server.config.LivyConf;
import dev.livy.server.config.LivyConfKeys;
import java.time.Duration;
import java.util.Objects;

/**
 * What the configuration tells the {@link SessionManager}. Immutable.
 *
 * @param logLinesPerStream   lines kept of each of a driver's output streams ({@code livy.cache-log.size})
 * @param stopGrace           how long a stopping driver has before it is terminated
 * @param stateRetention      how long an ended session is still listed
 * @param maxStarting         how many sessions may be starting at once
 * @param expiryCheckInterval how often sessions are checked against their timeouts
 * @param expiry              the timeouts
 * @param statementRetention  how many statements, and how many bytes of outputs, are kept
 */
public record SessionSettings(int logLinesPerStream, Duration stopGrace, Duration stateRetention, int maxStarting,
        Duration expiryCheckInterval, SessionExpiry expiry, StatementRetention statementRetention) {

    public SessionSettings {
        Objects.requireNonNull(stopGrace, "stopGrace");
        Objects.requireNonNull(stateRetention, "stateRetention");
        Objects.requireNonNull(expiryCheckInterval, "expiryCheckInterval");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(statementRetention, "statementRetention");
    }

    public static SessionSettings from(LivyConf conf) {
        SessionExpiry expiry = new SessionExpiry(conf.get(LivyConfKeys.SESSION_START_TIMEOUT),
                conf.get(LivyConfKeys.SESSION_TIMEOUT_CHECK), conf.get(LivyConfKeys.SESSION_TIMEOUT),
                conf.get(LivyConfKeys.SESSION_TIMEOUT_SKIP_BUSY), conf.get(LivyConfKeys.SESSION_TTL_CHECK),
                conf.get(LivyConfKeys.SESSION_TTL));
        StatementRetention retention = new StatementRetention(conf.get(LivyConfKeys.RETAINED_STATEMENTS),
                conf.get(LivyConfKeys.RETAINED_STATEMENTS_SIZE),
                new RetainedOutputs(conf.get(LivyConfKeys.RETAINED_STATEMENTS_TOTAL_SIZE)));
        return new SessionSettings(conf.get(LivyConfKeys.CACHE_LOG_SIZE), conf.get(LivyConfKeys.STOP_GRACE),
                conf.get(LivyConfKeys.STATE_RETAIN), conf.get(LivyConfKeys.MAX_CREATION),
                conf.get(LivyConfKeys.SESSION_CHECK_INTERVAL), expiry, retention);
    }
}
