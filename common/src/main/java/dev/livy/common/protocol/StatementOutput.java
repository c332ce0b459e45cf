package dev.livy.common.protocol;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Objects;

/**
 * What a statement said: {@link Ok} with its MIME entries, or {@link Error} with the exception's name, value and
 * traceback. Serialised as Livy's output object, {@code status} first. Immutable, but for the MIME tree of an
 * {@link Ok}, which is never changed once built.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StatementOutput.Ok.class, name = "ok"),
    @JsonSubTypes.Type(value = StatementOutput.Error.class, name = "error"),
})
public sealed interface StatementOutput {

    @JsonProperty("execution_count")
    int executionCount();

    /** The output as a JSON tree of the same shape; an {@link Ok}'s tree shares its data rather than copying it. */
    ObjectNode toJson();

    record Ok(@JsonProperty("execution_count") int executionCount, ObjectNode data) implements StatementOutput {
        public Ok {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public ObjectNode toJson() {
            ObjectNode json = JsonNodeFactory.instance.objectNode().put("status", "ok")
                    .put("execution_count", executionCount);
            json.set("data", data);
            return json;
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
    }
}
