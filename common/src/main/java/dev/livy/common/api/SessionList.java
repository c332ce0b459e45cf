package dev.livy.common.api;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** A page of sessions; {@code total} counts all sessions, not the page. */
@JsonPropertyOrder({"from", "total", "sessions"})
public record SessionList(int from, int total, List<SessionView> sessions) {
    public SessionList {
        sessions = List.copyOf(sessions);
    }
}
