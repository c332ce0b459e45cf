package dev.livy.common.api;

/** {@code POST /sessions/{id}/statements}: the code, and its kind when it is not the session's. */
public record ExecuteRequest(String code, String kind) {
}
