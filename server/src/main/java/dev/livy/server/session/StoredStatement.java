package dev.livy.server.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.livy.common.CodeKind;
import dev.livy.common.StatementState;
import dev.livy.common.protocol.RawJson;

/**
 * A statement as the state store keeps it (a record of its session's {@link StatementLog}; one key each,
 * {@code sessions/<id>/statements/<statementId>}, in stores of earlier versions): written when it is queued and
 * again when it ends. Immutable.
 */
record StoredStatement(
        @JsonProperty("id") int id,
        @JsonProperty("code") String code,
        @JsonProperty("kind") CodeKind kind,
        @JsonProperty("state") StatementState state,
        @JsonProperty("output") RawJson output,
        @JsonProperty("progress") double progress,
        @JsonProperty("started") long started,
        @JsonProperty("completed") long completed) {
}
