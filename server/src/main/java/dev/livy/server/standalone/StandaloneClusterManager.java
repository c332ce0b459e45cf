package dev.livy.server.standalone;

import dev.livy.common.SessionState;
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

/**
 * A Spark standalone master ({@code spark://host:port}, or several for a master with standby ones): the
 * application's id, UI and state are read from the output as for a local master, and before a submission the
 * master's port is tried, since a driver that cannot register retries for a minute and then leaves a session
 * without a SparkContext. Thread-safe (immutable).
 */
public final class StandaloneClusterManager implements ClusterManager {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final String master;
    private final List<InetSocketAddress> addresses;
    private final LocalClusterManager output;

    /** @param master {@code livy.spark.master}, such as {@code spark://master.example.com:7077} */
    public StandaloneClusterManager(String master, boolean clusterMode) {
        this.master = Objects.requireNonNull(master, "master");
        this.addresses = addresses(master);
        this.output = new LocalClusterManager(clusterMode);
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

    @Override
    public Optional<String> applicationId(String line) {
        return output.applicationId(line);
    }

    @Override
    public Optional<String> sparkUiUrl(String line) {
        return output.sparkUiUrl(line);
    }

    @Override
    public Optional<SessionState> reportedState(String line) {
        return output.reportedState(line);
    }

    @Override
    public void terminate(ChildProcess launch, Optional<String> applicationId) {
        output.terminate(launch, applicationId);
    }

    @Override
    public void kill(ChildProcess launch) {
        output.kill(launch);
    }
}
