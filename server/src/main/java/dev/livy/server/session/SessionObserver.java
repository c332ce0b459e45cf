package dev.livy.server.session;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.StatementState;
import java.time.Duration;

/**
 * What a session tells whoever watches sessions as a whole (the metrics) when it happens: pushed, never polled.
 * Called on the thread that made it happen, outside the session's locks; implementations are quick and
 * thread-safe.
 */
public interface SessionObserver {
    SessionObserver NONE = new SessionObserver() {
    };

    /** The session's driver is ready for statements for the first time, this long after the session was created. */
    default void sessionReady(SessionKind kind, Duration startTime) {
    }

    /** A statement ended ({@code available}, {@code error} or {@code cancelled}) after running this long. */
    default void statementFinished(CodeKind kind, StatementState state, Duration runTime) {
    }
}
