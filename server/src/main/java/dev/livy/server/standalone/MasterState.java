package dev.livy.server.standalone;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the server reads of a standalone master's web UI {@code /json/}: whether it is the active master, its
 * drivers (cluster deploy mode) and its workers' web UI addresses. Immutable.
 *
 * @param status ALIVE for the active master, STANDBY for a standby one
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MasterState(String status, List<StandaloneDriver> activedrivers,
        List<StandaloneDriver> completeddrivers, List<Worker> workers) {

    public MasterState {
        activedrivers = activedrivers == null ? List.of() : List.copyOf(activedrivers);
        completeddrivers = completeddrivers == null ? List.of() : List.copyOf(completeddrivers);
        workers = workers == null ? List.of() : List.copyOf(workers);
    }

    public boolean isActive() {
        return "ALIVE".equals(status);
    }

    /** The driver, active or completed; empty when the master does not list it. */
    public Optional<StandaloneDriver> driver(String driverId) {
        return Stream.concat(activedrivers.stream(), completeddrivers.stream())
                .filter(driver -> driver.id().equals(driverId)).findFirst();
    }

    /** The web UI address of the worker, such as {@code http://10.0.0.5:8081}; empty when unknown. */
    public Optional<String> workerUi(String workerId) {
        return workers.stream().filter(worker -> Objects.equals(worker.id(), workerId))
                .map(Worker::webuiaddress).filter(address -> address != null && !address.isBlank()).findFirst();
    }

    /** A worker as {@code /json/} lists it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Worker(String id, String webuiaddress) {
    }
}
