package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.livy.it.LivyServerProcess;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Recovery on YARN (the run's shared MiniYARN cluster): the packaged server in cluster mode with recovery on (a
 * filesystem store in a temporary directory) holds a pyspark session whose driver runs in a YARN container, with a
 * variable and a completed statement, and a batch that runs about 30 seconds. SIGKILL of the server and a start:
 * the session is back with its statement, its driver reconnects from its container and the variable still
 * answers; the batch is followed again through the ResourceManager to success; a DELETE of the recovered session
 * ends its application in YARN. One server, one session and one batch, to keep the suite's time.
 */
@ExtendWith(SharedClusters.class)
class YarnRecoveryIT {
    private static final Duration SESSION_START = Duration.ofMinutes(3);
    private static final Duration RECOVERY = Duration.ofSeconds(60);
    private static final Duration BATCH_RUN = Duration.ofMinutes(4);
    private static final Map<String, String> SMALL_APPLICATION = Map.of("spark.ui.enabled", "false",
            "spark.yarn.am.memory", "512m", "spark.driver.memory", "512m", "spark.executor.memory", "512m",
            "spark.executor.instances", "1");

    @Test
    void aClusterModeSessionAndBatchSurviveASigkillOfTheServer(YarnCluster yarn) throws Exception {
        Path jobs = Files.createTempDirectory("livy-it-yarn-recovery-jobs-").toRealPath();
        Path state = Files.createTempDirectory("livy-it-yarn-recovery-state-").toRealPath();
        Path program = Files.writeString(jobs.resolve("thirty-seconds.py"), """
                import time
                from pyspark.sql import SparkSession
                spark = SparkSession.builder.getOrCreate()
                print("RESULT", spark.sparkContext.parallelize(range(1, 11), 2).sum())
                time.sleep(30)
                spark.stop()
                """);
        LivyServerProcess server = LivyServerProcess.start(Map.of("livy.spark.master", "yarn",
                "livy.spark.deploy-mode", "cluster", "livy.file.local-dir-whitelist", jobs.toString(),
                "livy.server.yarn.poll-interval", "1s", "livy.server.recovery.mode", "recovery",
                "livy.server.recovery.state-store.url", state.resolve("store").toString(),
                "livy.server.recovery.applications-dir", state.resolve("applications").toString(),
                "livy.rsc.server.reconnect-timeout", "10m"), yarn.serverEnvironment());
        try {
            SessionClient session = SessionClient.create(server, Map.of("kind", "pyspark",
                    "name", "it-yarn-recovered-session", "conf", SMALL_APPLICATION), SESSION_START);
            String sessionApp = session.view().getString("appId");
            assertEquals("7", session.text("pyspark", "answer = 6 * 7 // 6\nprint(answer)").strip());
            Map<String, Object> batchConf = new HashMap<>(SMALL_APPLICATION);
            batchConf.put("spark.yarn.submit.waitAppCompletion", "false");
            int batch = server.http().body(Map.of("file", program.toString(), "conf", batchConf)).post("/batches")
                    .then().statusCode(201).extract().jsonPath().getInt("id");
            await("the batch to run", BATCH_RUN, () -> batchState(server, batch).equals("running"));
            String batchApp = server.http().get("/batches/" + batch).jsonPath().getString("appId");

            server.killHard();
            server.restart();

            JsonPath recovered = session.view();
            assertEquals("it-yarn-recovered-session", recovered.getString("name"), recovered.prettify());
            assertEquals(sessionApp, recovered.getString("appId"), recovered.prettify());
            JsonPath statements = server.http().get("/sessions/" + session.id() + "/statements").jsonPath();
            assertEquals(List.of("available"), statements.getList("statements.state"), statements.prettify());
            assertEquals("7", statements.getString("statements[0].output.data.'text/plain'").strip());
            await("the driver in its YARN container to reconnect", RECOVERY,
                    () -> session.view().getString("state").equals("idle"));
            assertEquals("42", session.text("pyspark", "print(answer * 6)").strip());
            assertTrue(session.log().contains("reconnected"), session.log());

            await("the recovered batch to end", BATCH_RUN,
                    () -> List.of("success", "dead", "killed").contains(batchState(server, batch)));
            assertEquals("success", batchState(server, batch), batchLog(server, batch));
            assertEquals(batchApp, server.http().get("/batches/" + batch).jsonPath().getString("appId"));
            JsonNode report = yarn.application(batchApp);
            assertEquals("SUCCEEDED", report.path("finalStatus").asText(), report.toString());

            session.delete();
            // The reconnected driver is asked to stop and its application ends FINISHED; KILLED if it does not.
            await("YARN to report " + sessionApp + " ended, with no container left", Duration.ofSeconds(90), () -> {
                JsonNode ended = yarn.application(sessionApp);
                return List.of("FINISHED", "KILLED").contains(ended.path("state").asText())
                        && ended.path("runningContainers").asInt() <= 0;
            });
        } finally {
            server.script("stop", "--all");
        }
    }

    private static String batchState(LivyServerProcess server, int id) {
        return server.http().get("/batches/" + id + "/state").jsonPath().getString("state");
    }

    private static String batchLog(LivyServerProcess server, int id) {
        return String.join("\n", server.http().get("/batches/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }
}
