package dev.livy.server.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.security.FakePasswordCheck;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the server answers before or around the resources: unknown paths and methods, OPTIONS, oversize uploads. */
class ServerAnswersTest {
    @RegisterExtension
    final InProcessServers server = InProcessServers.startedByEachTest();

    @Test
    void unknownPathsAndMethodsAreJsonWithTheSecurityHeaders() throws Exception {
        server.start();

        for (String method : List.of("GET", "DELETE", "PUT", "POST", "PATCH")) {
            withSecurityHeaders(http().request(method, "/nowhere")).statusCode(404)
                    .contentType(containsString("application/json")).body("msg", equalTo("Not Found"));
        }
        withSecurityHeaders(http().put("/sessions")).statusCode(405)
                .contentType(containsString("application/json")).body("msg", equalTo("Method Not Allowed"))
                .header("Allow", containsString("GET")).header("Allow", containsString("POST"));
        withSecurityHeaders(http().delete("/sessions/0/statements")).statusCode(405)
                .header("Allow", containsString("POST")).body("msg", equalTo("Method Not Allowed"));
    }

    @Test
    void malformedRequestsJettyRefusesItselfAreJsonWithTheSecurityHeaders() throws Exception {
        server.start();

        String answer = exchange("GET /version HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        assertTrue(answer.contains("X-Content-Type-Options: nosniff"), answer);
        assertTrue(answer.contains("Content-Type: application/json"), answer);
        assertTrue(answer.contains("{\"msg\":"), answer);
        String asterisk = exchange("OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(asterisk.contains("X-Content-Type-Options: nosniff"), asterisk);
        assertTrue(asterisk.contains("Content-Type: application/json"), asterisk);
        assertTrue(asterisk.contains("{\"msg\":"), asterisk);
    }

    @Test
    void optionsNamesTheAllowedMethodsForAnyAuthenticatedUser() throws Exception {
        FakePasswordCheck passwords = new FakePasswordCheck().with("alice", "wonderland");
        server.start(Map.of(), InProcessServer.basicAuthentication(passwords));

        withSecurityHeaders(http().auth().preemptive().basic("alice", "wonderland").options("/sessions"))
                .statusCode(200).header("Allow", containsString("GET")).header("Allow", containsString("POST"))
                .header("Allow", containsString("OPTIONS"));
        withSecurityHeaders(http().auth().preemptive().basic("alice", "wonderland").options("/sessions/0"))
                .statusCode(200).header("Allow", containsString("DELETE"))
                .header("Allow", not(containsString("POST")));
        http().options("/sessions").then().statusCode(401);
    }

    @Test
    void anOversizeUploadThatExpectsContinueIsRefusedWithoutTheContinue() throws Exception {
        server.start();

        String answer = exchange("POST /sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: " + (InProcessServer.MAX_BODY_BYTES + 1) + "\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.contains("The request body is larger than " + InProcessServer.MAX_BODY_BYTES
                + " bytes (livy.server.request-body.max-size)."), answer);
    }

    @Test
    void anUploadWithinTheLimitThatExpectsContinueGetsIt() throws Exception {
        server.start();

        String answer = exchange("POST /sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");

        assertTrue(answer.startsWith("HTTP/1.1 100 "), answer);
    }

    @Test
    void aBodyThatDoesNotArriveInTimeIs408() throws Exception {
        server.start();

        String answer = exchange("POST /sessions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 20\r\n\r\n{");

        assertTrue(answer.startsWith("HTTP/1.1 408 "), answer);
        assertTrue(answer.contains("{\"msg\":\"The request body did not arrive within "
                + InProcessServer.BODY_TIMEOUT.toSeconds() + " seconds.\"}"), answer);
    }

    /** Sends the text and reads the first answer's status line and headers (or until the server closes). */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return readHead(socket.getInputStream());
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int next;
        while ((next = in.read()) >= 0) {
            head.append((char) next);
            if (head.toString().endsWith("\r\n\r\n")) {
                break;
            }
        }
        String text = head.toString();
        if (text.startsWith("HTTP/1.1 100")) {
            return text;
        }
        // The body too, when the answer says how long it is.
        int lengthAt = text.indexOf("Content-Length: ");
        if (lengthAt >= 0) {
            int length = Integer.parseInt(text.substring(lengthAt + 16, text.indexOf("\r\n", lengthAt)).trim());
            byte[] body = in.readNBytes(length);
            text += new String(body, StandardCharsets.UTF_8);
        }
        return text;
    }

    private static io.restassured.response.ValidatableResponse withSecurityHeaders(Response response) {
        return response.then().header("X-Content-Type-Options", "nosniff").header("X-Frame-Options", "DENY")
                .header("Cache-Control", "no-store");
    }

    private RequestSpecification http() {
        return given().baseUri("http://127.0.0.1").port(server.port());
    }
}
