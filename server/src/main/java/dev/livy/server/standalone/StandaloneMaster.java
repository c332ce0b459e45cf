package dev.livy.server.standalone;

import java.io.IOException;
import java.util.List;

/**
 * A standalone master, as the server follows cluster-mode drivers on it: its state, a driver's kill, and the end of
 * a driver's stderr on its worker. A port so that the poller is tested against a hand-written fake;
 * {@link MasterWebUi} talks to the real master's web UI. Implementations are thread-safe.
 */
public interface StandaloneMaster {

    /** The active master's {@code /json/}. */
    MasterState state() throws IOException;

    /** Asks the master to kill the driver (it ends {@code KILLED}). */
    void killDriver(String driverId) throws IOException;

    /** The last lines of the driver's stderr, served by the worker it ran on ({@code workerUi}). */
    List<String> driverStderrTail(String workerUi, String driverId) throws IOException;

    /** Where a user reads the driver's stderr on its worker. */
    static String driverLogUrl(String workerUi, String driverId) {
        return stripSlash(workerUi) + "/logPage/?driverId=" + driverId + "&logType=stderr";
    }

    private static String stripSlash(String address) {
        return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
    }
}
