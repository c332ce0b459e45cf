package dev.livy.common.api;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/** {@code POST /sessions/{id}/completion}; {@code cursor} may arrive as a number or a string. */
public record CompletionRequest(String code, String kind,
        @JsonDeserialize(using = ScalarText.class) String cursor) {
}
