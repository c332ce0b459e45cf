package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /version}; {@code version} parses as a dotted version ≥ 0.5.0 (pylivy and Zeppelin gate on it). */
@JsonPropertyOrder({"version", "revision", "branch", "date", "user", "url"})
public record VersionView(String version, String revision, String branch, String date, String user, String url) {
}
