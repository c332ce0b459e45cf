package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

@JsonPropertyOrder({"total_statements", "statements"})
public record StatementList(
        @JsonProperty("total_statements") int totalStatements,
        List<StatementView> statements) {
    public StatementList {
        statements = List.copyOf(statements);
    }
}
