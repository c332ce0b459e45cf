package dev.livy.server.standalone;

import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;
import dev.livy.server.launch.ChildProcess;
import dev.livy.server.launch.ClusterManager;
import dev.livy.server.launch.LocalClusterManager;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Spark standalone master ({@code spark://host:port}, or several for a master with standby ones): in client mode
 * the application's id, UI and state are read from the output as for a local master; in cluster mode a batch is
 * its driver on the master, followed and killed through the server's one {@link StandaloneDriverPoller}. Before a
 * submission the master's port is tried, since a driver that cannot register retries for a minute and then leaves
 * a session without a SparkContext. Thread-safe.
 */
public final class StandaloneClusterManager implements ClusterManager {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String master;
    private final List<InetSocketAddress> addresses;
    private final LocalClusterManager output;
    private final boolean clusterMode;
    private final Optional<StandaloneDriverPoller> drivers;

    /** In client deploy mode: no driver runs in the cluster. */
    public StandaloneClusterManager(String master) {
        this(master, false, Optional.empty());
    }

    /**
     * In cluster deploy mode.
     *
     * @param drivers the poller that follows batches' drivers on the master
     */
    public StandaloneClusterManager(String master, StandaloneDriverPoller drivers) {
        this(master, true, Optional.of(drivers));
    }

    /** @param master {@code livy.spark.master}, such as {@code spark://master.example.com:7077} */
    private StandaloneClusterManager(String master, boolean clusterMode, Optional<StandaloneDriverPoller> drivers) {
        this.master = Objects.requireNonNull(master, "master");
        this.addresses = addresses(master);
        this.output = new LocalClusterManager(clusterMode);
        this.clusterMode = clusterMode;
        this.drivers = drivers;
    }

    /**
     * The web UI of each master of {@code livy.spark.master}, by Spark's default UI port (8080): where the server
     * reads drivers' states when {@code livy.server.standalone.master-ui-url} is unset.
     */
    public static List<URI> defaultWebUis(String master) {
        return addresses(master).stream().map(address -> URI.create("http://" + address.getHostString() + ":8080"))
                .toList();
    }

    @Override
    public void checkReachable() throws IOException {
        String reason = "no address";
        for (InetSocketAddress address : addresses) {
            Optional<String> refused = tryConnect(address);
            if (refused.isEmpty()) {
                return;
            }
            reason = refused.get();
        }
        throw new IOException("the Spark master " + master + " cannot be reached (" + reason + ")");
    }

    private static Optional<String> tryConnect(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return Optional.of("unknown host " + address.getHostString());
        }
        try (Socket socket = new Socket()) {
            socket.connect(address, CONNECT_TIMEOUT_MILLIS);
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of("connection refused");
        } catch (SocketTimeoutException e) {
            return Optional.of("no answer within " + CONNECT_TIMEOUT_MILLIS / 1000 + " s");
        } catch (IOException e) {
            return Optional.of(String.valueOf(e.getMessage()));
        }
    }

    private static List<InetSocketAddress> addresses(String master) {
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String hostAndPort : master.substring("spark://".length()).split(",")) {
            URI parsed = URI.create("spark://" + hostAndPort.strip());
            addresses.add(new InetSocketAddress(parsed.getHost(), parsed.getPort() < 0 ? 7077 : parsed.getPort()));
        }
        return List.copyOf(addresses);
    }

    @Override
    public boolean driverOnServer() {
        return output.driverOnServer();
    }

    /** The master's worker copies only the application's jar: the driver reads its config at the server's path. */
    @Override
    public boolean filesReachDriver() {
        return false;
    }

    /**
     * In cluster mode spark-submit would exit once the master accepted the driver, which would end the session:
     * it follows the driver on the master instead, and exits when the driver ends.
     */
    @Override
    public Map<String, String> sessionSubmitConf() {
        return output.driverOnServer() ? Map.of() : Map.of("spark.standalone.submit.waitAppCompletion", "true");
    }

    /**
     * In cluster mode, the driver's id ({@code driver-…}), which spark-submit prints as soon as the master accepted
     * it: the master's own handle for its state and its kill, and there even for a driver that never starts an
     * application. In client mode the application's ({@code app-…}).
     */
    @Override
    public Optional<String> applicationId(String line) {
        return clusterMode ? StandaloneDriver.submittedId(line) : output.applicationId(line);
    }

    @Override
    public Optional<String> sparkUiUrl(String line) {
        return output.sparkUiUrl(line);
    }

    @Override
    public Optional<SessionState> reportedState(String line) {
        return output.reportedState(line);
    }

    /**
     * In cluster mode the master's reports decide how a batch ends: spark-submit exits once the master accepted the
     * driver, with 0 whatever happens to it.
     */
    @Override
    public boolean reportsEnd() {
        return clusterMode;
    }

    /** Batches' drivers only: a session's driver names its application ({@code app-…}) and its spark-submit waits. */
    @Override
    public void follow(String applicationId, Consumer<ApplicationReport> listener) {
        if (StandaloneDriver.isDriverId(applicationId)) {
            drivers.ifPresent(poller -> poller.follow(applicationId, listener));
        }
    }

    @Override
    public void terminate(ChildProcess launch, Optional<String> applicationId) {
        applicationId.filter(StandaloneDriver::isDriverId)
                .ifPresent(driver -> drivers.ifPresent(poller -> poller.kill(driver)));
        output.terminate(launch, applicationId);
    }

    @Override
    public void kill(ChildProcess launch) {
        output.kill(launch);
    }
}
