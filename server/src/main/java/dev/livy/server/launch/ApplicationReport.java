package dev.livy.server.launch;

import dev.livy.common.SessionState;

/**
 * What a cluster manager reports about an application, in the server's terms: the batch state it implies
 * ({@code starting}, {@code running}, or a final one), the manager's own words about it, and the links it knows.
 *
 * @param description the manager's state and diagnostics, as the log shows them ("FAILED: queue 'x' unknown")
 * @param sparkUiUrl  null when unknown
 * @param driverLogUrl null when unknown
 */
public record ApplicationReport(SessionState state, String description, String sparkUiUrl, String driverLogUrl) {
}
