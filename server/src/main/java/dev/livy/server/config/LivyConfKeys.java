package dev.livy.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The catalogue: every configuration key the server reads, declared once. Livy's key names where Livy has the
 * key. {@code conf/livy.conf.template} and {@code docs/configuration.md} list the same keys.
 */
public final class LivyConfKeys {
    public static final ConfigKey<Optional<String>> SERVER_HOST = new ConfigKey<>("livy.server.host", "",
            "Address the REST server binds to. Unset: 127.0.0.1 (loopback only) without authentication, all "
                    + "interfaces (0.0.0.0) with livy.server.auth.type set.", ValueParsers::optionalText);
    public static final ConfigKey<Integer> SERVER_PORT = new ConfigKey<>("livy.server.port", "8998",
            "Port of the REST server.", ValueParsers::port);
    public static final ConfigKey<Optional<String>> SPARK_HOME = new ConfigKey<>("livy.server.spark-home", "",
            "Spark installation to use. Unset: the SPARK_HOME environment variable.", ValueParsers::optionalText);
    public static final ConfigKey<String> SPARK_MASTER = new ConfigKey<>("livy.spark.master", "local[*]",
            "Spark master for sessions and batches.", ValueParsers::text);
    public static final ConfigKey<String> SPARK_DEPLOY_MODE = new ConfigKey<>("livy.spark.deploy-mode", "client",
            "Spark deploy mode: client or cluster.", LivyConfKeys::deployMode);
    public static final ConfigKey<Optional<String>> REPL_JAR = new ConfigKey<>("livy.repl.jar", "",
            "The REPL driver jar. Unset: repl/target/livy-repl.jar under the server's home.",
            ValueParsers::optionalText);
    public static final ConfigKey<String> LAUNCHER_ADDRESS = new ConfigKey<>("livy.rsc.launcher.address",
            "127.0.0.1", "Address of the driver channel: the server listens there and drivers connect back to it.",
            ValueParsers::text);
    public static final ConfigKey<Integer> LAUNCHER_PORT = new ConfigKey<>("livy.rsc.launcher.port", "0",
            "Port of the driver channel, one for all drivers; 0 picks a free port (with recovery, the port the "
                    + "previous server bound, so that its drivers reconnect).", ValueParsers::port);
    public static final ConfigKey<Duration> DRIVER_HANDSHAKE_TIMEOUT = new ConfigKey<>(
            "livy.rsc.server.idle-timeout", "10s",
            "How long a connecting driver has to complete the authentication handshake.", ValueParsers::duration);
    public static final ConfigKey<Integer> CACHE_LOG_SIZE = new ConfigKey<>("livy.cache-log.size", "200",
            "Log lines kept per stream (stdout, stderr) of each session and batch.",
            ValueParsers::positiveInteger);
    public static final ConfigKey<Duration> STATE_RETAIN = new ConfigKey<>(
            "livy.server.session.state-retain.sec", "600s",
            "How long a finished session or batch stays visible before it is removed.", ValueParsers::duration);
    public static final ConfigKey<Duration> STOP_GRACE = new ConfigKey<>("livy.server.session.stop-grace", "5s",
            "How long a stopping driver may take to exit before it is killed.", ValueParsers::duration);
    public static final ConfigKey<List<String>> LOCAL_DIR_WHITELIST = new ConfigKey<>(
            "livy.file.local-dir-whitelist", "",
            "Comma-separated local directories from which sessions and batches may use files (file, jars, pyFiles, "
                    + "files, archives, and path conf such as spark.jars). Unset: no local paths; remote URIs "
                    + "(hdfs:, s3a:, http:...) are always allowed.", ValueParsers::list);
    public static final ConfigKey<Boolean> SESSION_TIMEOUT_CHECK = new ConfigKey<>(
            "livy.server.session.timeout-check", "true",
            "Whether sessions idle longer than livy.server.session.timeout are stopped (a session's own idleTimeout "
                    + "always applies).", ValueParsers::bool);
    public static final ConfigKey<Boolean> SESSION_TIMEOUT_SKIP_BUSY = new ConfigKey<>(
            "livy.server.session.timeout-check.skip-busy", "false",
            "Whether a busy session (a statement waiting or running) is spared the idle timeout.", ValueParsers::bool);
    public static final ConfigKey<Duration> SESSION_TIMEOUT = new ConfigKey<>("livy.server.session.timeout", "1h",
            "How long a session may stay without work (statements, cancels, completions) before it is stopped.",
            ValueParsers::positiveDuration);
    public static final ConfigKey<Boolean> SESSION_TTL_CHECK = new ConfigKey<>("livy.server.session.ttl-check",
            "true", "Whether livy.server.session.ttl applies (a session's own ttl always applies).",
            ValueParsers::bool);
    public static final ConfigKey<Optional<Duration>> SESSION_TTL = new ConfigKey<>("livy.server.session.ttl", "",
            "The longest a session may live, busy or not, from its creation. Unset: no limit.",
            ValueParsers::optionalDuration);
    public static final ConfigKey<Duration> SESSION_START_TIMEOUT = new ConfigKey<>(
            "livy.server.session.start-timeout", "10m",
            "How long a session may stay starting before it is stopped as failed.", ValueParsers::positiveDuration);
    public static final ConfigKey<Duration> SESSION_CHECK_INTERVAL = new ConfigKey<>(
            "livy.server.session.check-interval", "1s",
            "How often sessions are checked against their timeouts (idle, ttl, heartbeat, start).",
            ValueParsers::positiveDuration);
    public static final ConfigKey<Integer> MAX_CREATION = new ConfigKey<>("livy.server.session.max-creation",
            "100", "How many sessions may be starting at once; another create gets 429 until one is ready.",
            ValueParsers::positiveInteger);
    public static final ConfigKey<Long> MAX_REQUEST_BODY = new ConfigKey<>("livy.server.request-body.max-size",
            "10m", "The largest request body accepted; a larger one gets 413.", ValueParsers::byteSize);
    public static final ConfigKey<Duration> REQUEST_BODY_TIMEOUT = new ConfigKey<>(
            "livy.server.request-body.timeout", "60s",
            "How long a request body may take to arrive in full; a slower one gets 408.",
            ValueParsers::positiveDuration);
    public static final ConfigKey<Integer> SQL_NUM_ROWS = new ConfigKey<>("livy.rsc.sql.num-rows", "1000",
            "The most rows a sql statement returns.", ValueParsers::positiveInteger);
    public static final ConfigKey<Long> MAX_STATEMENT_OUTPUT = new ConfigKey<>(
            "livy.rsc.statement.max-output-size", "8m",
            "The largest statement output (as JSON) a driver sends; a larger one becomes an error output.",
            ValueParsers.byteSizeAtMost("32m"));
    public static final ConfigKey<Integer> RETAINED_STATEMENTS = new ConfigKey<>("livy.rsc.retained-statements",
            "100", "Statements kept per session; beyond it the oldest finished ones are dropped (ids keep counting, "
                    + "a dropped statement answers 404). Waiting and running statements are always kept. Finished "
                    + "jobs of Livy's programmatic API are bounded the same way.",
            ValueParsers::positiveInteger);
    public static final ConfigKey<Long> RETAINED_STATEMENTS_SIZE = new ConfigKey<>(
            "livy.rsc.retained-statements.max-size", "32m",
            "Statement outputs (as JSON) kept per session; beyond it the oldest finished statements are dropped. "
                    + "The newest finished statement is always kept.", ValueParsers::byteSize);
    public static final ConfigKey<Long> RETAINED_STATEMENTS_TOTAL_SIZE = new ConfigKey<>(
            "livy.server.retained-statements.max-total-size", "128m",
            "Statement outputs (as JSON) kept across all sessions; beyond it the oldest finished statements of any "
                    + "session are dropped. Keep it well below the server's heap (-Xmx).", ValueParsers::byteSize);
    public static final ConfigKey<Boolean> DRIVER_CLASS_ARCHIVE = new ConfigKey<>("livy.rsc.driver.class-archive",
            "true", "Whether client-mode drivers share a class data archive of Spark's classes (created by the "
                    + "first driver per Spark home and JDK, under the livy-server cache directory): a faster start.",
            ValueParsers::bool);

    public static final ConfigKey<MetricsAccess> METRICS_ACCESS = new ConfigKey<>("livy.server.metrics.access",
            "authenticated", "Who may read GET /metrics (Prometheus text): off (no metrics), public (anyone who "
                    + "reaches the port, even with authentication on), or authenticated (like every other endpoint).",
            MetricsAccess::parse);

    public static final List<ConfigKey<?>> ALL = Stream.concat(Stream.of(SERVER_HOST, SERVER_PORT, SPARK_HOME,
            SPARK_MASTER, SPARK_DEPLOY_MODE, REPL_JAR, LAUNCHER_ADDRESS, LAUNCHER_PORT, DRIVER_HANDSHAKE_TIMEOUT,
            CACHE_LOG_SIZE,
            STATE_RETAIN, STOP_GRACE, LOCAL_DIR_WHITELIST, SESSION_TIMEOUT_CHECK, SESSION_TIMEOUT_SKIP_BUSY,
            SESSION_TIMEOUT, SESSION_TTL_CHECK, SESSION_TTL, SESSION_START_TIMEOUT, SESSION_CHECK_INTERVAL,
            MAX_CREATION, MAX_REQUEST_BODY, REQUEST_BODY_TIMEOUT, SQL_NUM_ROWS, MAX_STATEMENT_OUTPUT,
            RETAINED_STATEMENTS, RETAINED_STATEMENTS_SIZE, RETAINED_STATEMENTS_TOTAL_SIZE, DRIVER_CLASS_ARCHIVE,
            METRICS_ACCESS),
            Stream.of(SecurityConfKeys.ALL, ClusterConfKeys.ALL, SparkConfKeys.ALL, RecoveryConfKeys.ALL,
                            PoolConfKeys.ALL)
                    .flatMap(List::stream)).toList();

    private LivyConfKeys() {
    }

    private static String deployMode(String value) {
        if (!value.equals("client") && !value.equals("cluster")) {
            throw new IllegalArgumentException("expected client or cluster");
        }
        return value;
    }
}
