package dev.livy.server.api;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.server.testing.LogCapture;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad bodies over real HTTP: each is a 400 with a plain {"msg"}, nothing is created, and nothing logs an error. */
class BadInputResourceTest {
    @RegisterExtension
    final InProcessServers server = InProcessServers.startedBeforeEachTest();
    /** A test instance per test: each captures its own. */
    private final LogCapture logs = LogCapture.all();

    @AfterEach
    void stopCapturing() {
        logs.close();
    }

    @Test
    void overlongUtf8IsRefusedNotDecoded() {
        for (byte[] overlongSlash : List.of(new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},
                new byte[] {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0xAF})) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(overlongSlash);
            body.writeBytes("b\"}".getBytes(StandardCharsets.US_ASCII));

            server.http().body(body.toByteArray()).contentType("application/json").post("/sessions").then()
                    .statusCode(400).body("msg", equalTo("The request body is not valid UTF-8: the bytes at "
                            + "offset 10 are not a UTF-8 character."));
        }
        server.http().get("/sessions").then().body("total", equalTo(0));
        assertNoErrorLogged();
    }

    @Test
    void malformedJsonIsExplainedInPlainWordsWithItsPlace() {
        assertRefused("{\"kind\":\"spark\",\n \"name\" \"x\"}",
                "Malformed JSON in the request body at line 2, column 9: expected ':' after a field name, not '\"'.");
        assertRefused("{\"kind\": 'x'}",
                "Malformed JSON in the request body at line 1, column 10: expected a value (a string, number, "
                        + "object, array, true, false or null), not '''.");
        assertRefused("{\"kind\":", "Malformed JSON in the request body at line 1, column 9: the body ends before "
                + "the JSON does.");
        assertRefused("{\"name\":\"a\u0001\"}", "Malformed JSON in the request body at line 1, column 11: a "
                + "control character inside a string must be escaped.");
        assertRefused("{\"driverCores\":" + "9".repeat(1001) + "}", "Malformed JSON in the request body: a number, "
                + "string or name is longer than the server accepts.");
        assertNoErrorLogged();
    }

    @Test
    void durationsTooLargeToHoldAreRefusedNamingTheField() {
        assertRefused("{\"ttl\":\"9999999999999999d\"}", "Field 'ttl' is too long: at most 106751991167300d.");
        assertRefused("{\"idleTimeout\":\"99999999999999999999999h\"}",
                "Field 'idleTimeout' is too long: at most 106751991167300d.");
        server.http().get("/sessions").then().body("total", equalTo(0));
        assertNoErrorLogged();
    }

    @Test
    void aMalformedChunkedBodyIs400() throws IOException {
        String response = rawRequest("POST /sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\nZZ\r\n{\"kind\":1}\r\n0\r\n\r\n");

        assertTrue(response.startsWith("HTTP/1.1 400 "), response);
        assertTrue(response.endsWith("{\"msg\":\"The request body could not be read to its end: it is malformed or "
                + "incomplete.\"}"), response);
        server.http().get("/sessions").then().body("total", equalTo(0));
        assertNoErrorLogged();
    }

    @Test
    void aNulByteInWhatBecomesAnArgumentIs400() {
        assertBatchRefused("{\"file\":\"/srv/jobs/x.py\",\"args\":[\"a\",\"b\\u0000\"]}",
                "Field 'args[1]' must not contain a NUL byte.");
        assertBatchRefused("{\"file\":\"/srv/jobs/x.jar\",\"className\":\"A\\u0000\"}",
                "Field 'className' must not contain a NUL byte.");
        assertRefused("{\"name\":\"n\\u0000\"}", "Field 'name' must not contain a NUL byte.");
        assertRefused("{\"queue\":\"q\\u0000\"}", "Field 'queue' must not contain a NUL byte.");
        assertTrue(server.processes().launched().isEmpty(), "nothing may be launched");
        assertNoErrorLogged();
    }

    private void assertBatchRefused(String body, String message) {
        server.http().body(body).post("/batches").then().statusCode(400).contentType("application/json")
                .body("msg", equalTo(message));
    }

    private void assertRefused(String body, String message) {
        server.http().body(body).post("/sessions").then().statusCode(400).contentType("application/json")
                .body("msg", equalTo(message));
    }

    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private void assertNoErrorLogged() {
        assertEquals(List.of(), logs.errorsOrStackTraces().stream().map(Object::toString).toList());
    }
}
