package dev.livy.common.api;

/** {@code {"msg": ...}}: every error body, and the answer to DELETE ("deleted") and cancel ("canceled"). */
public record MessageView(String msg) {
}
