package dev.livy.server.error;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one {@code {"msg"}} body: what the mappers, the security filters and Jetty's error handler all send. */
class ErrorBodyTest {
    @Test
    void isTheMessageAsAJsonStringWithQuotesBackslashesAndControlCharactersEscaped() {
        String body = new String(ErrorBody.of("Field 'a\\b' is \"odd\"\n"), StandardCharsets.UTF_8);

        assertEquals("{\"msg\":\"Field 'a\\\\b' is \\\"odd\\\"\\n\"}", body);
    }

    @Test
    void keepsTextOutsideAsciiAsUtf8() {
        assertEquals("{\"msg\":\"Sitzung 'ü' nicht gefunden.\"}",
                new String(ErrorBody.of("Sitzung 'ü' nicht gefunden."), StandardCharsets.UTF_8));
    }
}
