package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.livy.common.SessionState;

@JsonPropertyOrder({"id", "state"})
public record StateView(int id, SessionState state) {
}
