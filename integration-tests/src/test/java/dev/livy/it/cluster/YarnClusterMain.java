package dev.livy.it.cluster;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The integration tests' {@link YarnCluster} on its own, for {@code bench/yarn-cluster}: starts it with the Spark
 * home given as the one argument, prints what a server needs to submit to it ({@code NAME=value} lines, then
 * {@code READY}) and runs until the JVM is told to stop (SIGTERM, Ctrl-C), which stops the cluster.
 */
public final class YarnClusterMain {
    private YarnClusterMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: YarnClusterMain <spark home>");
            System.exit(2);
        }
        YarnCluster cluster = YarnCluster.start(Path.of(args[0]));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "yarn-cluster-stop"));
        Map<String, String> environment = new TreeMap<>(cluster.serverEnvironment());
        environment.put("RESOURCE_MANAGER", cluster.resourceManagerUrl());
        environment.put("HDFS", cluster.hdfsUri());
        environment.forEach((name, value) -> System.out.println(name + "=" + value));
        System.out.println("READY");
        System.out.flush();
        new CountDownLatch(1).await();
    }
}
