package dev.livy.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.security.FakePasswordCheck;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The access matrix over real HTTP with basic authentication, access control and impersonation on: alice owns
 * each session; vera is a view-user, max a modify-user, root a superuser, bob nobody in particular, and eve is not
 * among the allowed users at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    private static final int OK = 200;
    private static final int CREATED = 201;
    private static final int FORBIDDEN = 403;

    @TempDir
    static Path workDirectory;
    private InProcessServer server;

    @BeforeAll
    void start() throws Exception {
        FakePasswordCheck passwords = new FakePasswordCheck();
        for (String user : List.of("alice", "bob", "vera", "max", "root", "eve")) {
            passwords.with(user, user + "-secret");
        }
        server = new InProcessServer(workDirectory, Map.of("livy.server.access-control.enabled", "true",
                "livy.server.access-control.allowed-users", "alice,bob,vera,max",
                "livy.server.access-control.view-users", "vera", "livy.server.access-control.modify-users", "max",
                "livy.superusers", "root", "livy.impersonation.enabled", "true"),
                InProcessServer.basicAuthentication(passwords));
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    /** Only so many sessions may be starting at once, and these never finish starting: the superuser cleans up. */
    @AfterEach
    void deleteEverySession() {
        for (int id : as("root").get("/sessions").jsonPath().<Integer>getList("sessions.id")) {
            as("root").delete("/sessions/" + id);
        }
    }

    static Stream<Arguments> matrix() {
        return Stream.of(
                // user, read, run, cancel, delete, impersonate someone else
                Arguments.of("alice", OK, CREATED, OK, OK, FORBIDDEN),
                Arguments.of("bob", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                Arguments.of("vera", OK, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN),
                Arguments.of("max", OK, CREATED, OK, OK, FORBIDDEN),
                Arguments.of("root", OK, CREATED, OK, OK, CREATED),
                Arguments.of("eve", FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN));
    }

    @ParameterizedTest(name = "{0}: read {1}, run {2}, cancel {3}, delete {4}, impersonate {5}")
    @MethodSource("matrix")
    void eachUserGetsExactlyTheirRights(String user, int read, int run, int cancel, int delete, int impersonate) {
        int session = createdByAlice();
        List<Integer> actual = new ArrayList<>();
        actual.add(as(user).get("/sessions/" + session).statusCode());
        actual.add(as(user).body("{\"code\":\"1 + 1\",\"kind\":\"pyspark\"}")
                .post("/sessions/" + session + "/statements").statusCode());
        actual.add(as(user).post("/sessions/" + session + "/statements/0/cancel").statusCode());
        actual.add(as(user).delete("/sessions/" + session).statusCode());
        actual.add(as(user).body("{\"kind\":\"pyspark\"}").queryParam("doAs", "mallory").post("/sessions")
                .statusCode());

        assertEquals(List.of(read, run, cancel, delete, impersonate), actual);
    }

    @ParameterizedTest(name = "{0} refused with Livy''s message")
    @MethodSource("matrix")
    void refusalsSayWhy(String user, int read, int run, int cancel, int delete, int impersonate) {
        int session = createdByAlice();
        Response reading = as(user).get("/sessions/" + session);
        if (user.equals("eve")) {
            reading.then().body("msg", equalTo("User 'eve' is not allowed to use this server."));
        } else if (read == FORBIDDEN) {
            reading.then().body("msg", equalTo("User '" + user + "' is not allowed to view session " + session
                    + "."));
        }
        if (impersonate == FORBIDDEN && !user.equals("eve")) {
            as(user).body("{\"kind\":\"pyspark\",\"proxyUser\":\"mallory\"}").post("/sessions").then()
                    .statusCode(FORBIDDEN)
                    .body("msg", equalTo("User '" + user + "' not allowed to impersonate 'mallory'."));
        }
    }

    @ParameterizedTest(name = "{0}: names of sessions one may not view are answered as unknown names")
    @MethodSource("matrix")
    void namesOfSessionsOneMayNotViewDoNotLeak(String user, int read, int run, int cancel, int delete,
            int impersonate) {
        as("alice").body("{\"kind\":\"pyspark\",\"name\":\"alices-etl\"}").post("/sessions").then()
                .statusCode(CREATED);
        if (user.equals("eve")) {
            as(user).get("/sessions/alices-etl").then().statusCode(FORBIDDEN);
            return;
        }

        Response byName = as(user).get("/sessions/alices-etl");
        Response unknown = as(user).get("/sessions/nobodys-etl");
        Response taken = as(user).body("{\"kind\":\"pyspark\",\"name\":\"alices-etl\"}").post("/sessions");
        Response free = as(user).body("{\"kind\":\"pyspark\",\"name\":\"users-etl\"}").post("/sessions");

        unknown.then().statusCode(404).body("msg", equalTo("Session 'nobodys-etl' not found."));
        if (read == FORBIDDEN) {
            byName.then().statusCode(404).body("msg", equalTo("Session 'alices-etl' not found."));
            as(user).delete("/sessions/alices-etl").then().statusCode(404)
                    .body("msg", equalTo("Session 'alices-etl' not found."));
        } else {
            byName.then().statusCode(OK).body("name", equalTo("alices-etl"));
        }
        taken.then().statusCode(400).body("msg", equalTo("Session name 'alices-etl' is not available."));
        free.then().statusCode(CREATED);
    }

    private int createdByAlice() {
        Response created = as("alice").body("{\"kind\":\"pyspark\"}").post("/sessions");
        created.then().statusCode(CREATED).body("owner", equalTo("alice")).body("proxyUser", equalTo("alice"));
        int session = created.jsonPath().getInt("id");
        as("alice").body("{\"code\":\"1\",\"kind\":\"pyspark\"}").post("/sessions/" + session + "/statements")
                .then().statusCode(CREATED);
        return session;
    }

    private RequestSpecification as(String user) {
        return given().baseUri("http://127.0.0.1").port(server.port()).auth().preemptive()
                .basic(user, user + "-secret");
    }
}
