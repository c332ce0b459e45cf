package dev.livy.server.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The catalogue: every configuration key the server reads, declared once. Livy's key names where Livy has the
 * key. {@code conf/livy.conf.template} and {@code docs/configuration.md} list the same keys.
 */
public final class LivyConfKeys {
    public static final ConfigKey<Optional<String>> SERVER_HOST = new ConfigKey<>("livy.server.host", "",
            "Address the REST server binds to. Unset: 127.0.0.1 (loopback only).", ValueParsers::optionalText);
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
            "Port of the driver channel, one for all drivers; 0 picks a free port.", ValueParsers::port);
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

    public static final List<ConfigKey<?>> ALL = List.of(SERVER_HOST, SERVER_PORT, SPARK_HOME, SPARK_MASTER,
            SPARK_DEPLOY_MODE, REPL_JAR, LAUNCHER_ADDRESS, LAUNCHER_PORT, DRIVER_HANDSHAKE_TIMEOUT, CACHE_LOG_SIZE,
            STATE_RETAIN, STOP_GRACE, LOCAL_DIR_WHITELIST);

    private LivyConfKeys() {
    }

    private static String deployMode(String value) {
        if (!value.equals("client") && !value.equals("cluster")) {
            throw new IllegalArgumentException("expected client or cluster");
        }
        return value;
    }
}
