package dev.livy.server.standalone;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The real master: read through its web UI, a driver killed through its RPC port. Thread-safe.
 */
public final class SparkStandaloneMaster implements StandaloneMaster {
    private final MasterWebUi webUi;
    private final DriverKillCommand kill;

    public SparkStandaloneMaster(MasterWebUi webUi, DriverKillCommand kill) {
        this.webUi = Objects.requireNonNull(webUi, "webUi");
        this.kill = Objects.requireNonNull(kill, "kill");
    }

    @Override
    public MasterState state() throws IOException {
        return webUi.state();
    }

    @Override
    public void killDriver(String driverId) throws IOException {
        kill.kill(driverId);
    }

    @Override
    public List<String> driverStderrTail(String workerUi, String driverId) throws IOException {
        return webUi.driverStderrTail(workerUi, driverId);
    }
}
