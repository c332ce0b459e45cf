package dev.livy.server.session;

import dev.livy.common.SessionKind;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.LogBuffer;
import dev.livy.server.launch.SparkResources;
import dev.livy.server.spark.SparkHome;
import dev.livy.server.spark.SparkHomes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * One {@link SessionLauncher} per Spark home: a session runs on the Spark its conf names ({@link
 * SparkHomes#REQUEST_KEY}, checked when the request was validated), which spark-submit never sees. Thread-safe
 * (immutable).
 */
public final class SessionLaunchers implements SessionLaunching {
    private final SparkHomes homes;
    private final Map<String, SessionLauncher> byHome;

    /** @param byHome a launcher for each of the homes, by name */
    public SessionLaunchers(SparkHomes homes, Map<String, SessionLauncher> byHome) {
        this.homes = Objects.requireNonNull(homes, "homes");
        this.byHome = Map.copyOf(byHome);
        for (SparkHome home : homes.all()) {
            if (!this.byHome.containsKey(home.name())) {
                throw new IllegalArgumentException("No session launcher for Spark " + home.name());
            }
        }
    }

    @Override
    public ChildProcess launch(int sessionId, SessionKind kind, String secret, SparkResources resources,
            LogBuffer log) throws IOException {
        return launcherFor(resources).launch(sessionId, kind, secret, resources.withoutConf(SparkHomes.REQUEST_KEY),
                log);
    }

    /** The sessions' directories are all in the one work directory: any launcher removes any of them. */
    @Override
    public void cleanUp(int sessionId) {
        byHome.get(homes.defaultHome().name()).cleanUp(sessionId);
    }

    /** The sessions' directories are all in the one work directory. */
    @Override
    public Path uploadDirectory(int sessionId) throws IOException {
        return byHome.get(homes.defaultHome().name()).uploadDirectory(sessionId);
    }

    /** One cluster manager serves every Spark home. */
    @Override
    public ClusterManager cluster() {
        return byHome.get(homes.defaultHome().name()).cluster();
    }

    @Override
    public Map<String, String> sparkInfo(SparkResources resources) {
        return homes.select(resources.conf()).appInfo();
    }

    private SessionLauncher launcherFor(SparkResources resources) {
        return byHome.get(homes.select(resources.conf()).name());
    }
}
