package dev.livy.common.api;

/** {@code POST /sessions/{id}/completion}; {@code cursor} may arrive as a number or a string. */
public record CompletionRequest(String code, String kind, String cursor) {
}
