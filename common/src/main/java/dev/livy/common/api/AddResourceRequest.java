package dev.livy.common.api;

/** {@code POST /sessions/{id}/add-jar}, {@code add-file}, {@code add-pyfile}: a file the driver fetches. */
public record AddResourceRequest(String uri) {
}
