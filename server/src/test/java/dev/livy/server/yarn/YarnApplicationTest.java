package dev.livy.server.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;
import org.junit.jupiter.api.Test;

class YarnApplicationTest {

    @Test
    void yarnStatesMapToBatchStates() {
        assertEquals(SessionState.STARTING, application("ACCEPTED", "UNDEFINED").batchState());
        assertEquals(SessionState.RUNNING, application("RUNNING", "UNDEFINED").batchState());
        assertEquals(SessionState.SUCCESS, application("FINISHED", "SUCCEEDED").batchState());
        assertEquals(SessionState.DEAD, application("FINISHED", "FAILED").batchState(),
                "FINISHED is what the application master says; its final status says how");
        assertEquals(SessionState.DEAD, application("FAILED", "FAILED").batchState());
        assertEquals(SessionState.KILLED, application("KILLED", "KILLED").batchState());
        assertFalse(application("RUNNING", "UNDEFINED").hasEnded());
        assertTrue(application("FAILED", "FAILED").hasEnded());
    }

    @Test
    void aReportCarriesYarnsWordsAndLinks() {
        ApplicationReport report = new YarnApplication("application_1_0002", "etl", "default", "FAILED", "FAILED",
                "Application is added to an unknown queue: nosuch\n", "http://rm:8088/cluster/app/application_1_0002",
                "").toReport();

        assertEquals(SessionState.DEAD, report.state());
        assertEquals("YARN application application_1_0002 FAILED (FAILED): Application is added to an unknown "
                + "queue: nosuch", report.description());
        assertEquals("http://rm:8088/cluster/app/application_1_0002", report.sparkUiUrl());
        assertEquals(null, report.driverLogUrl());
    }

    @Test
    void readsTheResourceManagersJson() throws Exception {
        String json = """
                {"id":"application_1_0001","user":"livy","name":"etl","queue":"root.etl","state":"RUNNING",
                 "finalStatus":"UNDEFINED","progress":10.0,"trackingUI":"ApplicationMaster","diagnostics":"",
                 "trackingUrl":"http://rm:8088/proxy/application_1_0001/",
                 "amContainerLogs":"http://nm:8042/node/containerlogs/container_1_0001_01_000001/livy"}""";

        YarnApplication application = new ObjectMapper().readValue(json, YarnApplication.class);

        assertEquals(new YarnApplication("application_1_0001", "etl", "root.etl", "RUNNING", "UNDEFINED", "",
                "http://rm:8088/proxy/application_1_0001/",
                "http://nm:8042/node/containerlogs/container_1_0001_01_000001/livy"), application);
    }

    private static YarnApplication application(String state, String finalStatus) {
        return new YarnApplication("application_1_0001", "app", "default", state, finalStatus, "", "", "");
    }
}
