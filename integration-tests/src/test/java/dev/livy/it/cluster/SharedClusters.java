package dev.livy.it.cluster;

import dev.livy.it.LivyServerProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test methods (and {@code @BeforeAll} methods) the one {@link StandaloneCluster} or {@link YarnCluster} of
 * the whole test run: started by the first class that asks, kept in JUnit's root store, closed once when the run
 * ends. Starting a cluster per class would cost each class its start-up time.
 */
public final class SharedClusters implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == StandaloneCluster.class || type == YarnCluster.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL);
        if (parameter.getParameter().getType() == YarnCluster.class) {
            return store.computeIfAbsent(YarnCluster.class, type -> start(YarnCluster::start), YarnCluster.class);
        }
        return store.computeIfAbsent(StandaloneCluster.class, type -> start(StandaloneCluster::start),
                StandaloneCluster.class);
    }

    private static <T> T start(Starter<T> starter) {
        try {
            return starter.start(provisionedSparkHome());
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the cluster", e);
        }
    }

    @FunctionalInterface
    private interface Starter<T> {
        T start(Path sparkHome) throws Exception;
    }

    /** The provisioned Spark, as bin/provision-spark reports it. */
    static Path provisionedSparkHome() throws IOException, InterruptedException {
        Process process = new ProcessBuilder(LivyServerProcess.LIVY_HOME.resolve("bin/provision-spark").toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return output.lines().filter(line -> line.startsWith("SPARK_HOME=")).findFirst()
                .map(line -> Path.of(line.substring("SPARK_HOME=".length())))
                .orElseThrow(() -> new IllegalStateException("bin/provision-spark printed no SPARK_HOME"));
    }
}
