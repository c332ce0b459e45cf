package dev.livy.common.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * What a statement said: {@link Ok} with its MIME entries, or {@link Error} with the exception's name, value and
 * traceback. Serialised as Livy's output object, {@code status} first. Immutable.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StatementOutput.Ok.class, name = "ok"),
    @JsonSubTypes.Type(value = StatementOutput.Error.class, name = "error"),
})
public sealed interface StatementOutput {
    @JsonProperty("execution_count")
    int executionCount();

    /** The output as a JSON tree of the same shape: for readers that look inside it (tests, the driver's checks). */
    ObjectNode toJson();

    /** The output as the JSON text clients get; an {@link Ok}'s data is not parsed or written again for it. */
    RawJson toRawJson();

    /** Its {@code data} is the MIME entries as the driver wrote them, kept as JSON text ({@link RawJson}). */
    record Ok(@JsonProperty("execution_count") int executionCount, RawJson data) implements StatementOutput {
        private static final byte[] CLOSE = {'}'};

        @JsonCreator
        public Ok {
            Objects.requireNonNull(data, "data");
        }

        public Ok(int executionCount, ObjectNode data) {
            this(executionCount, RawJson.of(Objects.requireNonNull(data, "data")));
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("status", "ok")
                    .put("execution_count", executionCount);
            json.set("data", data.tree());
            return json;
        }

        @Override
        public RawJson toRawJson() {
            byte[] head = ("{\"status\":\"ok\",\"execution_count\":" + executionCount + ",\"data\":")
                    .getBytes(StandardCharsets.UTF_8);
            return RawJson.wrap(head, data, CLOSE);
        }
    }

    record Error(@JsonProperty("execution_count") int executionCount, String ename, String evalue,
            List<String> traceback) implements StatementOutput {
        public Error {
            traceback = List.copyOf(traceback);
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("status", "error")
                    .put("execution_count", executionCount).put("ename", ename).put("evalue", evalue);
            ArrayNode lines = json.putArray("traceback");
            traceback.forEach(lines::add);
            return json;
        }

        @Override
        public RawJson toRawJson() {
            return RawJson.of(toJson());
        }
    }
}
