package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.SessionState;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SparkAppOutputTest {

    @Test
    void findsTheApplicationIdOfEachMaster() {
        assertEquals(Optional.of("local-1795280969251"),
                SparkAppOutput.applicationId("livy-batch-application-id: local-1795280969251"));
        assertEquals(Optional.of("application_1795280969251_0042"), SparkAppOutput.applicationId(
                "26/11/21 17:38:04 INFO Client: Submitted application application_1795280969251_0042"));
        assertEquals(Optional.of("app-20261121173804-0007"), SparkAppOutput.applicationId(
                "INFO StandaloneSchedulerBackend: Connected to Spark cluster with app ID app-20261121173804-0007"));
        assertEquals(Optional.empty(), SparkAppOutput.applicationId("INFO SparkContext: Submitted application: b.py"));
        assertEquals(Optional.empty(), SparkAppOutput.applicationId("my-app-name started"));
    }

    @Test
    void findsTheSparkUi() {
        assertEquals(Optional.of("http://127.0.0.1:4040"),
                SparkAppOutput.sparkUiUrl("26/11/21 17:37:59 INFO JettyUtils: Start Jetty 127.0.0.1:4040 for SparkUI"));
        assertEquals(Optional.of("http://host:4041"), SparkAppOutput.sparkUiUrl(
                "INFO SparkUI: Bound SparkUI to 0.0.0.0, and started at http://host:4041"));
        assertEquals(Optional.of("http://rm:8088/proxy/application_1_2/"),
                SparkAppOutput.sparkUiUrl("\t tracking URL: http://rm:8088/proxy/application_1_2/"));
        assertEquals(Optional.empty(), SparkAppOutput.sparkUiUrl("INFO SparkUI: Stopped Spark web UI"));
    }

    @Test
    void followsYarnApplicationReports() {
        assertEquals(Optional.of(SessionState.STARTING), SparkAppOutput.clusterState(
                "INFO Client: Application report for application_1_2 (state: ACCEPTED)"));
        assertEquals(Optional.of(SessionState.RUNNING), SparkAppOutput.clusterState(
                "INFO Client: Application report for application_1_2 (state: RUNNING)"));
        assertEquals(Optional.empty(), SparkAppOutput.clusterState(
                "INFO Client: Application report for application_1_2 (state: FINISHED)"));
        assertEquals(Optional.empty(), SparkAppOutput.clusterState("RESULT 10"));
    }
}
