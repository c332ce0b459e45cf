package dev.livy.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.livy.common.api.CreateSessionRequest;
import dev.livy.common.api.ExecuteRequest;
import dev.livy.server.error.ErrorCode;
import dev.livy.server.error.LivyException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonBodiesTest {
    private final JsonBodies bodies = new JsonBodies();

    @Test
    void parsesEveryCreateSessionField() {
        CreateSessionRequest request = parse("{\"kind\":\"pyspark\",\"proxyUser\":\"bob\",\"jars\":[\"a.jar\"],"
                + "\"pyFiles\":[\"m.py\"],\"files\":[\"f\"],\"driverMemory\":\"1g\",\"driverCores\":1,"
                + "\"executorMemory\":\"2g\",\"executorCores\":2,\"numExecutors\":3,\"archives\":[\"z.zip\"],"
                + "\"queue\":\"q\",\"name\":\"n\",\"conf\":{\"spark.x\":\"1\"},\"heartbeatTimeoutInSecond\":60,"
                + "\"ttl\":\"2h\",\"idleTimeout\":\"30m\"}");

        assertEquals("pyspark", request.kind());
        assertEquals(List.of("a.jar"), request.jars());
        assertEquals(3, request.numExecutors());
        assertEquals(Map.of("spark.x", "1"), request.conf());
        assertEquals("30m", request.idleTimeout());
    }

    @Test
    void emptyBodyIsAnEmptyRequestWhereThatIsAllowed() {
        assertEquals(CreateSessionRequest.empty(), bodies.parse(new byte[0], CreateSessionRequest.class,
                CreateSessionRequest.empty()));
        assertEquals(CreateSessionRequest.empty(), parse("  \n"));
        LivyException required = assertThrows(LivyException.class,
                () -> bodies.parse(new byte[0], ExecuteRequest.class, null));
        assertEquals("The request needs a JSON body.", required.getMessage());
    }

    @Test
    void confValuesMayBeNumbersOrBooleans() {
        assertEquals(java.util.Map.of("spark.executor.instances", "2", "spark.dynamicAllocation.enabled", "false",
                "spark.memory.fraction", "0.5"), parse("{\"conf\":{\"spark.executor.instances\":2,"
                + "\"spark.dynamicAllocation.enabled\":false,\"spark.memory.fraction\":0.5}}").conf());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"kind\": |Malformed JSON in the request body",
        "{\"kind\":\"spark\"} garbage|Malformed JSON",
        "{\"kind\":\"spark\",\"kind\":\"sql\"}|Malformed JSON in the request body at line 1, column 23: "
                + "field 'kind' appears twice.",
        "{\"knd\":\"spark\"}|Unknown field 'knd' in the request; known fields: [",
        "{\"driverCores\":\"many\"}|Field 'driverCores' must be an integer.",
        "{\"driverCores\":1.5}|Field 'driverCores' must be an integer.",
        "{\"driverCores\":[1]}|Field 'driverCores' must be an integer.",
        "{\"jars\":\"a.jar\"}|Field 'jars' must be a list of strings.",
        "{\"jars\":[{}]}|Field 'jars[0]' must be a string.",
        "{\"conf\":[\"a\"]}|Field 'conf' must be an object whose values are strings.",
        "{\"name\":{\"a\":1}}|Field 'name' must be a string.",
        "{\"name\":7}|Field 'name' must be a string.",
        "{\"kind\":true}|Field 'kind' must be a string.",
        "{\"jars\":[1]}|Field 'jars[0]' must be a string.",
        "{\"conf\":{\"a\":{}}}|Field 'conf.a' must be a string.",
        "[]|The request body must be a JSON object.",
        "\"text\"|The request body must be a JSON object.",
        "null|The request body must be a JSON object, not null.",
        "{\"conf\":{\"a\":null}}|Invalid request: null is not allowed inside lists or conf",
    })
    void rejectsBadBodiesNamingTheProblem(String body, String expectedStart) {
        LivyException error = assertThrows(LivyException.class, () -> parse(body));

        assertEquals(ErrorCode.INVALID_REQUEST, error.code());
        assertTrue(error.getMessage().startsWith(expectedStart), error.getMessage());
    }

    private CreateSessionRequest parse(String body) {
        return bodies.parse(body.getBytes(StandardCharsets.UTF_8), CreateSessionRequest.class,
                CreateSessionRequest.empty());
    }
}
