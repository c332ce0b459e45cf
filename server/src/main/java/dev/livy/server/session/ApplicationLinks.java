package dev.livy.server.session;

import dev.livy.server.launch.ApplicationReport;
import java.util.function.Consumer;

/**
 * The links the cluster manager reports for a session's application (on YARN the tracking URL and the
 * application master's container logs), kept from its poller's reports for the session's {@code appInfo}. Written
 * on the poller's thread, read by any. Thread-safe.
 */
final class ApplicationLinks implements Consumer<ApplicationReport> {
    private volatile String sparkUiUrl;
    private volatile String driverLogUrl;

    @Override
    public void accept(ApplicationReport report) {
        if (report.sparkUiUrl() != null) {
            sparkUiUrl = report.sparkUiUrl();
        }
        if (report.driverLogUrl() != null) {
            driverLogUrl = report.driverLogUrl();
        }
    }

    /** The cluster manager's address of the UI (YARN's proxy, which outlives the driver), else the driver's own. */
    String sparkUiUrl(String fromDriver) {
        String reported = sparkUiUrl;
        return reported != null ? reported : fromDriver;
    }

    /** Null until the cluster manager reports one; always null where it reports nothing (local, standalone). */
    String driverLogUrl() {
        return driverLogUrl;
    }
}
