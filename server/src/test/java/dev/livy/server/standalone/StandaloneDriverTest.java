package dev.livy.server.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.SessionState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The driver id in spark-submit's output, the master's driver states in batch terms, and the master's JSON. */
class StandaloneDriverTest {

    @Test
    void theDriverIdIsReadFromTheLineThatSaysTheMasterAcceptedIt() {
        assertEquals(Optional.of("driver-20261207001500-0003"), StandaloneDriver.submittedId(
                "26/12/07 00:15:00 INFO Client: Driver successfully submitted as driver-20261207001500-0003"));
        assertEquals(Optional.empty(), StandaloneDriver.submittedId("INFO Client: ... waiting before polling master"));
        assertEquals(Optional.empty(), StandaloneDriver.submittedId("INFO Utils: the driver-side port is 4040"));
    }

    @Test
    void onlyADriversIdIsADriverId() {
        assertTrue(StandaloneDriver.isDriverId("driver-20261207001500-0003"));
        assertFalse(StandaloneDriver.isDriverId("app-20261207001500-0003"));
        assertFalse(StandaloneDriver.isDriverId(null));
    }

    @Test
    void everyStateOfTheMasterIsABatchState() {
        Map<String, SessionState> expected = Map.of("SUBMITTED", SessionState.STARTING, "RELAUNCHING",
                SessionState.STARTING, "UNKNOWN", SessionState.STARTING, "RUNNING", SessionState.RUNNING,
                "FINISHED", SessionState.SUCCESS, "FAILED", SessionState.DEAD, "ERROR", SessionState.DEAD,
                "KILLED", SessionState.KILLED);

        expected.forEach((state, batchState) -> assertEquals(batchState,
                new StandaloneDriver("driver-20261207001500-0003", state, "None").batchState(), state));
    }

    @Test
    void theMastersJsonGivesEachDriverItsStateAndWorkerAndEachWorkerItsUi() throws Exception {
        String json = """
                {"url":"spark://127.0.0.1:7077","status":"ALIVE","cores":4,"coresused":1,
                 "workers":[{"id":"worker-1","host":"127.0.0.1","port":40001,"webuiaddress":"http://127.0.0.1:8081",
                   "cores":2,"state":"ALIVE"},
                  {"id":"worker-2","host":"127.0.0.1","port":40002,"webuiaddress":"http://127.0.0.1:8082",
                   "cores":2,"state":"ALIVE"}],
                 "activeapps":[],"completedapps":[],
                 "activedrivers":[{"id":"driver-20261207001500-0003","starttime":"1796602500000","state":"RUNNING",
                   "cores":1,"memory":512,"submitdate":"Mon Dec 07 00:15:00 UTC 2026","worker":"worker-2",
                   "mainclass":"dev.example.Etl"}],
                 "completeddrivers":[{"id":"driver-20261207001400-0002","state":"FAILED","worker":"worker-1"}]}
                """;

        MasterState state = new ObjectMapper().readValue(json, MasterState.class);

        assertTrue(state.isActive());
        assertEquals(Optional.of(new StandaloneDriver("driver-20261207001500-0003", "RUNNING", "worker-2")),
                state.driver("driver-20261207001500-0003"));
        assertEquals(SessionState.DEAD, state.driver("driver-20261207001400-0002").orElseThrow().batchState());
        assertEquals(Optional.empty(), state.driver("driver-20261207001300-0001"));
        assertEquals(Optional.of("http://127.0.0.1:8082"), state.workerUi("worker-2"));
        assertEquals(Optional.empty(), state.workerUi("None"));
    }

    @Test
    void theReasonOfAFailedDriverIsTheExceptionItsStderrNamesElseItsLastLines() {
        assertEquals(List.of("Exception in thread \"main\" java.lang.ClassNotFoundException: no.such.Main"),
                DriverFailure.reason(List.of("INFO Worker: starting",
                        "Exception in thread \"main\" java.lang.ClassNotFoundException: no.such.Main",
                        "\tat java.base/java.lang.Class.forName0(Native Method)",
                        "INFO ShutdownHookManager: Shutdown hook called")));
        assertEquals(List.of("b", "c", "d", "e", "f"), DriverFailure.reason(List.of("a", "b", "", "c", "d", "e",
                "f")));
    }
}
