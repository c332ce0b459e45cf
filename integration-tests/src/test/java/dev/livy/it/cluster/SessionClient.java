package dev.livy.it.cluster;

import static dev.livy.it.LivyServerProcess.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.it.LivyServerProcess;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One session of a server as a notebook uses it: create, wait for idle, run statements, read the log. */
final class SessionClient {
    private static final Duration STATEMENT = Duration.ofMinutes(3);

    private final LivyServerProcess server;
    private final int id;

    private SessionClient(LivyServerProcess server, int id) {
        this.server = server;
        this.id = id;
    }

    /** Creates a session with this body and waits until it is idle (or fails with its log if it dies). */
    static SessionClient create(LivyServerProcess server, Map<String, Object> body, Duration start)
            throws Exception {
        long began = System.nanoTime();
        int id = server.http().body(body).post("/sessions").then().statusCode(201).extract().jsonPath().getInt("id");
        LivyServerProcess.awaitIdle(server::http, id, start);
        System.out.printf("session %d idle after %d ms%n", id, Duration.ofNanos(System.nanoTime() - began).toMillis());
        return new SessionClient(server, id);
    }

    int id() {
        return id;
    }

    JsonPath view() {
        return server.http().get("/sessions/" + id).then().statusCode(200).extract().jsonPath();
    }

    String log() {
        return String.join("\n", server.http().get("/sessions/" + id + "/log?size=-1").jsonPath()
                .getList("log", String.class));
    }

    /** Runs the code and returns its text output, failing if the statement does not end ok. */
    String text(String kind, String code) throws Exception {
        JsonPath statement = run(kind, code);
        assertEquals("ok", statement.getString("output.status"), statement.prettify());
        return statement.getString("output.data.'text/plain'");
    }

    /** Submits the code and returns the statement's id at once. */
    int submit(String kind, String code) {
        return server.http().body(Map.of("code", code, "kind", kind)).post("/sessions/" + id + "/statements").then()
                .statusCode(201).extract().jsonPath().getInt("id");
    }

    void cancel(int statementId) {
        server.http().post("/sessions/" + id + "/statements/" + statementId + "/cancel").then().statusCode(200);
    }

    /** Runs the code and returns the statement once available. */
    JsonPath run(String kind, String code) throws Exception {
        int statementId = submit(kind, code);
        await("statement " + statementId + " to be available", STATEMENT, () -> {
            String state = statement(statementId).getString("state");
            if (List.of("error", "cancelled").contains(state)) {
                throw new AssertionError("statement " + statementId + " ended " + state + ": "
                        + statement(statementId).prettify());
            }
            return state.equals("available");
        });
        return statement(statementId);
    }

    void delete() {
        server.http().delete("/sessions/" + id).then().statusCode(200);
    }

    JsonPath statement(int statementId) {
        return server.http().get("/sessions/" + id + "/statements/" + statementId).then().statusCode(200)
                .extract().jsonPath();
    }
}
