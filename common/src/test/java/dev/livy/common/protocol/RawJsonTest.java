package dev.livy.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.livy.common.StatementState;
import dev.livy.common.api.StatementView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Spacing, a number's trailing zero and an escape a writer would not keep: proof the text was not rewritten. */
    private static final String DATA = "{ \"text/plain\" : \"caf\\u00e9\",\n  \"application/json\": {\"ratio\": 1.50,"
            + " \"rows\": [[1, null], [2, \"b \\\"q\\\"\"]]} }";

    @Test
    void anOutputReachesTheClientAsTheDriverWroteIt() throws IOException {
        String frame = "{\"type\": \"statement_completed\", \"statementId\": 7, \"output\": {\"status\": \"ok\", "
                + "\"execution_count\": 7, \"data\": " + DATA + "}}";

        StatementOutput output = ((DriverMessage.StatementCompleted) FrameCodec.decode(utf8(frame))).output();
        StatementView view = new StatementView(7, "x", StatementState.AVAILABLE, output.toRawJson(), 1.0, 1, 2);

        assertEquals("{\"id\":7,\"code\":\"x\",\"state\":\"available\",\"output\":{\"status\":\"ok\","
                + "\"execution_count\":7,\"data\":" + DATA + "},\"progress\":1.0,\"started\":1,\"completed\":2}",
                MAPPER.writeValueAsString(view));
        assertEquals(new String(MAPPER.writeValueAsBytes(view), StandardCharsets.UTF_8),
                MAPPER.writeValueAsString(view), "the same text through a byte writer, as Jersey writes");
        assertEquals("café", output.toJson().get("data").get("text/plain").asText());
    }

    @Test
    void anOutputThatIsNotJsonStillRefusesTheFrame() {
        String frame = "{\"type\": \"statement_completed\", \"statementId\": 7, \"output\": {\"status\": \"ok\", "
                + "\"execution_count\": 7, \"data\": {\"text/plain\": [1, 2}}}";

        assertThrows(InvalidFrameException.class, () -> FrameCodec.decode(utf8(frame)));
    }

    @Test
    void anOutputAfterOtherFieldsOrFromATreeIsKeptToo() throws IOException {
        String typeLast = "{\"statementId\": 7, \"output\": {\"execution_count\": 7, \"data\": " + DATA
                + ", \"status\": \"ok\"}, \"type\": \"statement_completed\"}";
        JsonNode expected = MAPPER.readTree(DATA);

        StatementOutput buffered = ((DriverMessage.StatementCompleted) FrameCodec.decode(utf8(typeLast))).output();
        StatementOutput fromTree = MAPPER.treeToValue(MAPPER.readTree(typeLast).get("output"), StatementOutput.class);

        assertEquals(expected, assertInstanceOf(StatementOutput.Ok.class, buffered).data().tree());
        assertEquals(expected, assertInstanceOf(StatementOutput.Ok.class, fromTree).data().tree());
    }

    @Test
    void anOutputWrittenIntoATreeIsItsValue() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("text/plain", "2");
        StatementOutput output = new StatementOutput.Ok(3, data);

        JsonNode tree = MAPPER.valueToTree(output);

        assertEquals(output.toJson(), tree);
        assertEquals(output.toJson(), output.toRawJson().tree());
        assertEquals(data, tree.get("data"));
    }

    @Test
    void itsSizeIsItsTextsBytes() throws IOException {
        RawJson raw = RawJson.of(JsonNodeFactory.instance.objectNode().put("text/plain", "é"));

        assertEquals("{\"text/plain\":\"é\"}", raw.toString());
        assertEquals(19, raw.size());
        assertEquals(raw.size(), JsonSize.of(raw));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
