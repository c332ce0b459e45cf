package dev.livy.server.session;

/**
 * A session's clock readings in epoch milliseconds: created; last did work (statement queued, cancelled or
 * finished, completion, ready); last touched by a request to {@code /sessions/{id}...}.
 */
public record SessionTimes(long createdAt, long lastActivity, long lastTouched) {
}
