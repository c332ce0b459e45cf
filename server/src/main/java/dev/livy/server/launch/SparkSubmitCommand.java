package dev.livy.server.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the spark-submit argv for an application: pure, no process is started here. Every user value is its own
 * argv element, so nothing is ever interpreted by a shell.
 */
public final class SparkSubmitCommand {
    private final Path sparkHome;
    private final String master;
    private final String deployMode;

    public SparkSubmitCommand(Path sparkHome, String master, String deployMode) {
        this.sparkHome = Objects.requireNonNull(sparkHome, "sparkHome");
        this.master = Objects.requireNonNull(master, "master");
        this.deployMode = Objects.requireNonNull(deployMode, "deployMode");
    }

    /**
     * @param serverConf conf the server sets itself; the user's conf cannot override it
     * @param mainClass  the application's main class, or null for a Python application
     */
    public List<String> build(SparkResources resources, Map<String, String> serverConf, String mainClass,
            String appResource, List<String> appArgs) {
        List<String> argv = new ArrayList<>();
        argv.add(sparkHome.resolve("bin").resolve("spark-submit").toString());
        add(argv, "--master", master);
        add(argv, "--deploy-mode", deployMode);
        add(argv, "--name", resources.name());
        add(argv, "--class", mainClass);
        add(argv, "--proxy-user", resources.proxyUser());
        addList(argv, "--jars", resources.jars());
        addList(argv, "--py-files", resources.pyFiles());
        addList(argv, "--files", resources.files());
        addList(argv, "--archives", resources.archives());
        add(argv, "--driver-memory", resources.driverMemory());
        add(argv, "--driver-cores", resources.driverCores());
        add(argv, "--executor-memory", resources.executorMemory());
        add(argv, "--executor-cores", resources.executorCores());
        add(argv, "--num-executors", resources.numExecutors());
        add(argv, "--queue", resources.queue());
        Map<String, String> conf = new TreeMap<>(resources.conf());
        conf.putAll(serverConf);
        conf.forEach((key, value) -> add(argv, "--conf", key + "=" + value));
        argv.add(appResource);
        argv.addAll(appArgs);
        return List.copyOf(argv);
    }

    private static void add(List<String> argv, String flag, Object value) {
        if (value != null) {
            argv.add(flag);
            argv.add(value.toString());
        }
    }

    private static void addList(List<String> argv, String flag, List<String> values) {
        if (!values.isEmpty()) {
            add(argv, flag, String.join(",", values));
        }
    }
}
