package dev.livy.server.yarn;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;

/**
 * An application as YARN's ResourceManager reports it ({@code GET /ws/v1/cluster/apps/{id}}, the fields the
 * server uses), and the batch state that report implies. Immutable.
 *
 * @param state       YARN's state: NEW, NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING, FINISHED, FAILED, KILLED
 * @param finalStatus what the application said of itself when it finished: UNDEFINED, SUCCEEDED, FAILED, KILLED
 * @param amContainerLogs the application master's container logs: in cluster mode, the driver's
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record YarnApplication(String id, String name, String queue, String state, String finalStatus,
        String diagnostics, String trackingUrl, String amContainerLogs) {

    /** Whether YARN will report nothing new about the application. */
    public boolean hasEnded() {
        return switch (state) {
            case "FINISHED", "FAILED", "KILLED" -> true;
            default -> false;
        };
    }

    /** The batch state of this report: YARN's FINISHED is a success only if the application says it succeeded. */
    public SessionState batchState() {
        return switch (state) {
            case "NEW", "NEW_SAVING", "SUBMITTED", "ACCEPTED" -> SessionState.STARTING;
            case "RUNNING" -> SessionState.RUNNING;
            case "KILLED" -> SessionState.KILLED;
            case "FAILED" -> SessionState.DEAD;
            case "FINISHED" -> switch (String.valueOf(finalStatus)) {
                case "SUCCEEDED", "UNDEFINED" -> SessionState.SUCCESS;
                case "KILLED" -> SessionState.KILLED;
                default -> SessionState.DEAD;
            };
            default -> SessionState.STARTING;
        };
    }

    public ApplicationReport toReport() {
        String description = "YARN application " + id + " " + state
                + (finalStatus == null || finalStatus.equals("UNDEFINED") ? "" : " (" + finalStatus + ")")
                + (diagnostics == null || diagnostics.isBlank() ? "" : ": " + diagnostics.strip());
        return new ApplicationReport(batchState(), description, blankToNull(trackingUrl),
                blankToNull(amContainerLogs));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
