package dev.livy.server.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the spark-submit argv for an application: pure, no process is started here. Every user value is its own
 * argv element, so nothing is ever interpreted by a shell. Spark properties (the user's conf may hold secrets) are
 * not on the command line, where any local user could read them, but in a properties file.
 */
public final class SparkSubmitCommand {
    private final Path sparkHome;
    private final String master;
    private final String deployMode;
    private final Map<String, String> sparkDefaults;

    public SparkSubmitCommand(Path sparkHome, String master, String deployMode) {
        this(sparkHome, master, deployMode, Map.of());
    }

    /**
     * @param sparkDefaults the installation's spark-defaults.conf, which spark-submit does not read itself once it
     *                      is given a properties file
     */
    public SparkSubmitCommand(Path sparkHome, String master, String deployMode, Map<String, String> sparkDefaults) {
        this.sparkHome = Objects.requireNonNull(sparkHome, "sparkHome");
        this.master = Objects.requireNonNull(master, "master");
        this.deployMode = Objects.requireNonNull(deployMode, "deployMode");
        this.sparkDefaults = Map.copyOf(sparkDefaults);
    }

    /** Whether the driver runs inside the cluster ({@code --deploy-mode cluster}), away from the server's files. */
    public boolean clusterMode() {
        return deployMode.equals("cluster");
    }

    /**
     * @param serverConf     conf the server sets itself; the user's conf cannot override it
     * @param mainClass      the application's main class, or null for a Python application
     * @param propertiesFile where the caller writes {@link SparkSubmit#properties()} before running the argv
     */
    public SparkSubmit build(SparkResources resources, Map<String, String> serverConf, String mainClass,
            String appResource, List<String> appArgs, Path propertiesFile) {
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
        add(argv, "--properties-file", propertiesFile);
        argv.add(appResource);
        argv.addAll(appArgs);
        Map<String, String> properties = new TreeMap<>(sparkDefaults);
        properties.putAll(resources.conf());
        properties.putAll(serverConf);
        return new SparkSubmit(argv, properties);
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
