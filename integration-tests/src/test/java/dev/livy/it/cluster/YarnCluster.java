package dev.livy.it.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * HDFS and YARN in the test JVM, on loopback, as Apache Livy's own integration tests run them: a MiniDFSCluster
 * (one DataNode) and a MiniYARNCluster (a ResourceManager, two NodeManagers with room for an application master
 * and two small executors each, queues {@code default} and {@code etl}, memory and vcores both scheduled). Their
 * configuration is written to {@link #confDirectory} for the server's HADOOP_CONF_DIR, and a {@code
 * spark-defaults.conf} to {@link #sparkConfDirectory} that sends Spark's jars as {@code local:} paths instead of
 * uploading 400 MB per application.
 * Not thread-safe: one test thread uses it.
 */
public final class YarnCluster implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final MiniDFSCluster hdfs;
    private final MiniYARNCluster yarn;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private YarnCluster(Path directory, MiniDFSCluster hdfs, MiniYARNCluster yarn) {
        this.directory = directory;
        this.hdfs = hdfs;
        this.yarn = yarn;
    }

    public static YarnCluster start(Path sparkHome) throws Exception {
        long began = System.nanoTime();
        Path directory = Files.createTempDirectory("livy-it-yarn-");
        Configuration conf = new YarnConfiguration();
        conf.set("hadoop.tmp.dir", directory.resolve("tmp").toString());
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, directory.resolve("hdfs").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).format(true).build();
        MiniYARNCluster yarn = null;
        try {
            hdfs.waitActive();
            conf.set("fs.defaultFS", hdfs.getURI().toString());
            yarn = new MiniYARNCluster("livy-it", 2, 1, 1);
            yarn.init(yarnConf(conf));
            yarn.start();
            if (!yarn.waitForNodeManagersToConnect(120_000)) {
                throw new IllegalStateException("the NodeManagers did not connect within 2 minutes");
            }
            YarnCluster cluster = new YarnCluster(directory, hdfs, yarn);
            cluster.writeClientConfiguration(new Configuration(yarn.getConfig()), sparkHome);
            System.out.printf("YarnCluster: HDFS and YARN up in %d ms, ResourceManager at %s%n",
                    Duration.ofNanos(System.nanoTime() - began).toMillis(), cluster.resourceManagerUrl());
            return cluster;
        } catch (Exception | Error e) {
            if (yarn != null) {
                yarn.stop();
            }
            hdfs.shutdown();
            throw e;
        }
    }

    private static Configuration yarnConf(Configuration base) {
        Configuration conf = new YarnConfiguration(base);
        conf.set("yarn.resourcemanager.hostname", "127.0.0.1");
        conf.set("yarn.nodemanager.hostname", "127.0.0.1");
        conf.setInt("yarn.nodemanager.resource.memory-mb", 4096);
        conf.setInt("yarn.nodemanager.resource.cpu-vcores", 4);
        conf.setInt("yarn.scheduler.minimum-allocation-mb", 256);
        conf.setBoolean("yarn.nodemanager.pmem-check-enabled", false);
        conf.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
        conf.setFloat("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", 99.0f);
        conf.set("yarn.nodemanager.admin-env", "MALLOC_ARENA_MAX=4,JAVA_HOME=" + System.getProperty("java.home"));
        conf.set("yarn.scheduler.capacity.root.queues", "default,etl");
        conf.set("yarn.scheduler.capacity.root.default.capacity", "50");
        conf.set("yarn.scheduler.capacity.root.etl.capacity", "50");
        conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
        conf.set("yarn.scheduler.capacity.root.etl.maximum-capacity", "100");
        // One user (everything here runs as one) may take the whole cluster, not only its queue's half.
        conf.set("yarn.scheduler.capacity.root.default.user-limit-factor", "2");
        conf.set("yarn.scheduler.capacity.root.etl.user-limit-factor", "2");
        conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
        // The default calculator counts memory only: containers would show one vcore whatever cores Spark asked.
        conf.set("yarn.scheduler.capacity.resource-calculator",
                "org.apache.hadoop.yarn.util.resource.DominantResourceCalculator");
        return conf;
    }

    /** What an operator gives spark-submit: core-site.xml and yarn-site.xml, and Spark's defaults. */
    private void writeClientConfiguration(Configuration conf, Path sparkHome) throws IOException {
        // The minicluster's own value is a test class that a driver's container cannot load.
        conf.set("net.topology.node.switch.mapping.impl", "org.apache.hadoop.net.ScriptBasedMapping");
        Path hadoopConf = Files.createDirectories(confDirectory());
        for (String file : new String[] {"core-site.xml", "yarn-site.xml", "hdfs-site.xml"}) {
            try (OutputStream out = Files.newOutputStream(hadoopConf.resolve(file))) {
                conf.writeXml(out);
            }
        }
        Files.writeString(Files.createDirectories(sparkConfDirectory()).resolve("spark-defaults.conf"),
                "spark.yarn.jars local:" + sparkHome.resolve("jars") + "/*\n");
    }

    /** HADOOP_CONF_DIR and YARN_CONF_DIR for the server. */
    public Path confDirectory() {
        return directory.resolve("hadoop-conf");
    }

    /** SPARK_CONF_DIR for the server: its spark-defaults.conf. */
    public Path sparkConfDirectory() {
        return directory.resolve("spark-conf");
    }

    /** The environment a server needs to submit to this cluster. */
    public Map<String, String> serverEnvironment() {
        return Map.of("HADOOP_CONF_DIR", confDirectory().toString(), "YARN_CONF_DIR", confDirectory().toString(),
                "SPARK_CONF_DIR", sparkConfDirectory().toString());
    }

    public String resourceManagerUrl() {
        return "http://" + yarn.getConfig().get("yarn.resourcemanager.webapp.address");
    }

    public String hdfsUri() {
        return hdfs.getURI().toString();
    }

    /** Writes {@code content} to {@code path} in HDFS and returns its {@code hdfs://} URI. */
    public String put(String path, byte[] content) throws IOException {
        try (OutputStream out = hdfs.getFileSystem().create(new org.apache.hadoop.fs.Path(path), true)) {
            out.write(content);
        }
        return hdfsUri() + path;
    }

    /** The ResourceManager's report of an application ({@code app} of its REST API). */
    public JsonNode application(String applicationId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(resourceManagerUrl() + "/ws/v1/cluster/apps/"
                + applicationId)).header("Accept", "application/json").timeout(Duration.ofSeconds(10)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body()).path("app");
    }

    @Override
    public void close() throws IOException {
        yarn.stop();
        hdfs.shutdown();
    }
}
