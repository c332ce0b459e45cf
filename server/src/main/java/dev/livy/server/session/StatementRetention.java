package dev.livy.server.session;

import java.util.Objects;

/**
 * How much statement history each session keeps in memory: at most {@code maxStatements} statements and
 * {@code maxSessionBytes} of outputs per session, and {@code serverBudget} across all sessions. Only finished
 * statements are ever dropped, oldest first; the newest finished one always stays.
 */
public record StatementRetention(int maxStatements, long maxSessionBytes, RetainedOutputs serverBudget) {
    public StatementRetention {
        Objects.requireNonNull(serverBudget, "serverBudget");
    }
}
