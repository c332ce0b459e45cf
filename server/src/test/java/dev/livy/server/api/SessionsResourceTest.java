package dev.livy.server.api;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.driver.FakeConnectedDriver;
import dev.livy.server.testing.Eventually;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The REST surface over real HTTP (Jetty on a free port), with drivers faked: shapes, codes, messages. */
class SessionsResourceTest {
    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();

    private RequestSpecification http() {
        return server.http();
    }

    @Test
    void createAnswers201WithARelativeLocationAndTheSessionObject() {
        http().body("{\"kind\":\"pyspark\",\"name\":\"etl\"}").post("/sessions")
                .then().statusCode(201)
                .header("Location", "/sessions/0")
                .contentType("application/json")
                .body("id", equalTo(0))
                .body("name", equalTo("etl"))
                .body("appId", nullValue())
                .body("state", equalTo("starting"))
                .body("kind", equalTo("pyspark"))
                .body("appInfo.driverLogUrl", nullValue())
                .body("log", hasSize(2));
    }

    @Test
    void sessionObjectHasExactlyLivysKeysInOrder() {
        String body = http().post("/sessions").then().statusCode(201).extract().asString();

        org.junit.jupiter.api.Assertions.assertTrue(body.startsWith(
                "{\"id\":0,\"name\":null,\"appId\":null,\"owner\":null,\"proxyUser\":null,\"state\":\"starting\","
                        + "\"kind\":\"shared\",\"appInfo\":{\"driverLogUrl\":null,\"sparkUiUrl\":null},\"log\":["),
                body);
    }

    @Test
    void listPagesWithTotalCountingEverySession() {
        for (int i = 0; i < 3; i++) {
            http().body("{}").post("/sessions").then().statusCode(201);
        }

        http().get("/sessions?from=1&size=1").then().statusCode(200)
                .body("from", equalTo(1)).body("total", equalTo(3))
                .body("sessions.id", contains(1));
        http().get("/sessions").then().body("sessions.id", contains(0, 1, 2));
        http().get("/sessions?size=x").then().statusCode(400)
                .body("msg", equalTo("Query parameter 'size' must be an integer, not 'x'."));
    }

    @Test
    void sessionIsAddressableByIdOrName() {
        http().body("{\"name\":\"nightly\"}").post("/sessions").then().statusCode(201);

        http().get("/sessions/nightly/state").then().statusCode(200)
                .body("id", equalTo(0)).body("state", equalTo("starting"));
        http().get("/sessions/0/log?size=-1").then().statusCode(200)
                .body("id", equalTo(0)).body("total", equalTo(2)).body("log", contains("stdout: ", "\nstderr: "));
    }

    @Test
    void unknownIdsAre404WithAMessage() {
        http().get("/sessions/7").then().statusCode(404).contentType("application/json")
                .body("msg", equalTo("Session '7' not found."));
        http().delete("/sessions/7").then().statusCode(404);
        http().body("{}").post("/sessions").then().statusCode(201);
        http().get("/sessions/0/statements/5").then().statusCode(404)
                .body("msg", equalTo("Statement '5' not found in session 0."));
        http().post("/sessions/0/statements/5/cancel").then().statusCode(404);
        http().get("/nothing/here").then().statusCode(404).contentType("application/json")
                .body("msg", equalTo("Not Found"));
    }

    @Test
    void badRequestsAre400NamingTheProblemAndCreateNothing() {
        http().body("{\"kind\":").post("/sessions").then().statusCode(400)
                .body("msg", startsWith("Malformed JSON in the request body"));
        http().body("{\"kinds\":\"spark\"}").post("/sessions").then().statusCode(400)
                .body("msg", startsWith("Unknown field 'kinds'"));
        http().body("{\"numExecutors\":\"two\"}").post("/sessions").then().statusCode(400)
                .body("msg", equalTo("Field 'numExecutors' must be an integer."));
        http().body("{\"kind\":\"cobol\"}").post("/sessions").then().statusCode(400)
                .body("msg", startsWith("Invalid kind 'cobol'"));
        http().body("{\"conf\":{\"spark.master\":\"yarn\"}}").post("/sessions").then().statusCode(400)
                .body("msg", equalTo("Blacklisted configuration values in session config: spark.master."));

        http().get("/sessions").then().body("total", equalTo(0));
    }

    @Test
    void statementsQueueWhileStartingAndCancelAnswers200() {
        http().body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201);

        http().body("{\"code\":\"1 + 1\"}").post("/sessions/0/statements").then().statusCode(201)
                .header("Location", "/sessions/0/statements/0")
                .body("id", equalTo(0)).body("code", equalTo("1 + 1")).body("state", equalTo("waiting"))
                .body("output", nullValue()).body("progress", equalTo(0.0f))
                .body("started", equalTo(0)).body("completed", equalTo(0));
        http().get("/sessions/0/state").then().body("state", equalTo("starting"));

        http().post("/sessions/0/statements/0/cancel").then().statusCode(200).body("msg", equalTo("canceled"));
        http().get("/sessions/0/statements").then().statusCode(200)
                .body("total_statements", equalTo(1)).body("statements[0].state", equalTo("cancelled"));
    }

    @Test
    void statementRequestsAreChecked() {
        http().body("{}").post("/sessions").then().statusCode(201);

        http().body("{\"code\":\"1\"}").post("/sessions/0/statements").then().statusCode(400)
                .body("msg", startsWith("Session 0 is shared: the request must name its kind"));
        http().body("{\"code\":\"1\",\"kind\":\"fortran\"}").post("/sessions/0/statements").then()
                .statusCode(400).body("msg", startsWith("Invalid kind 'fortran'"));
        http().body("{\"kind\":\"python\"}").post("/sessions/0/statements").then().statusCode(400)
                .body("msg", equalTo("Field 'code' is required."));
        http().post("/sessions/0/statements").then().statusCode(400)
                .body("msg", equalTo("The request needs a JSON body."));
        http().body("{\"code\":\"1\",\"kind\":\"python\"}").post("/sessions/0/statements").then().statusCode(201);
    }

    @Test
    void deleteAnswersDeletedAndTheSessionGoes() {
        http().body("{}").post("/sessions").then().statusCode(201);
        // A session whose driver has not connected is stopped at once; a connected driver is asked to exit.
        Eventually.holds(() -> server.processes().launched().size() == 1);
        assertTrue(new FakeConnectedDriver().connectTo(server.sessions().get(0).orElseThrow()));

        http().delete("/sessions/0").then().statusCode(200).contentType("application/json")
                .body("msg", equalTo("deleted"));
        http().get("/sessions/0/state").then().statusCode(200).body("state", equalTo("shutting_down"));
    }

    @Test
    void aSessionShuttingDownRefusesStatementsWith400SayingWhy() {
        http().body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201);
        Eventually.holds(() -> server.processes().launched().size() == 1);
        // Connected, so that the session stays shutting_down while its driver is asked to exit.
        assertTrue(new FakeConnectedDriver().connectTo(server.sessions().get(0).orElseThrow()));
        http().delete("/sessions/0").then().statusCode(200);

        http().body("{\"code\":\"1\"}").post("/sessions/0/statements").then().statusCode(400)
                .contentType("application/json")
                .body("msg", equalTo("Session 0 is shutting_down and takes no statements."));
    }

    @Test
    void versionAndRootAnswer200() {
        http().get("/version").then().statusCode(200).body("version", equalTo("0.9.0"));
        http().get("/").then().statusCode(200).contentType("application/json");
    }

    @Test
    void oversizeBodiesAre413WhetherDeclaredOrChunked() throws Exception {
        String code = "x".repeat((int) InProcessServer.MAX_BODY_BYTES);
        http().body("{}").post("/sessions").then().statusCode(201);

        http().body("{\"code\":\"" + code + "\",\"kind\":\"python\"}").post("/sessions/0/statements").then()
                .statusCode(413).contentType("application/json")
                .body("msg", equalTo("The request body is larger than 65536 bytes "
                        + "(livy.server.request-body.max-size)."));
        assertEquals(413, postChunked("/sessions/0/statements", "{\"code\":\"" + code + "\"}"));

        http().get("/sessions/0/statements").then().statusCode(200).body("total_statements", equalTo(0));
        http().body("{\"code\":\"1\",\"kind\":\"python\"}").post("/sessions/0/statements").then()
                .statusCode(201);
    }

    @Test
    void createsBeyondMaxCreationAre429UntilASessionIsReady() {
        for (int i = 0; i < InProcessServer.MAX_STARTING; i++) {
            http().body("{}").post("/sessions").then().statusCode(201);
        }

        http().body("{}").post("/sessions").then().statusCode(429)
                .body("msg", startsWith("Too many sessions are starting: at most 5 may start at once"));
        http().get("/sessions").then().body("total", equalTo(InProcessServer.MAX_STARTING));
    }

    @Test
    void completionIsCheckedAndAnswersEmptyWhileNoDriverIsConnected() {
        http().body("{\"kind\":\"pyspark\"}").post("/sessions").then().statusCode(201);

        http().body("{\"code\":\"spark.ra\",\"kind\":\"pyspark\",\"cursor\":8}").post("/sessions/0/completion")
                .then().log().ifValidationFails().statusCode(200).contentType("application/json")
                .body("candidates", hasSize(0));
        http().body("{\"code\":\"spark.ra\",\"cursor\":\"8\"}").post("/sessions/0/completion").then()
                .log().ifValidationFails().statusCode(200);
        http().body("{\"code\":\"ab\",\"cursor\":9}").post("/sessions/0/completion").then().statusCode(400)
                .body("msg", equalTo("Field 'cursor' must be a position in the code, from 0 to 2, not '9'."));
        http().body("{\"kind\":\"pyspark\"}").post("/sessions/0/completion").then().statusCode(400)
                .body("msg", equalTo("Field 'code' is required."));
        http().body("{\"code\":\"x\"}").post("/sessions/7/completion").then().statusCode(404);
    }

    /** A body without Content-Length, as a streaming client sends it. */
    private int postChunked(String path, String body) throws Exception {
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))))
                .build();
        return java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
