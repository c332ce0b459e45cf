package dev.livy.server.metrics;

import dev.livy.common.CodeKind;
import dev.livy.common.SessionKind;
import dev.livy.common.StatementState;
import dev.livy.server.session.SessionObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/** Session start and statement run times as histograms, recorded as the sessions report them. Thread-safe. */
public final class SessionTimings implements SessionObserver {
    static final String SESSION_START = "livy.session.start";
    static final String STATEMENT_DURATION = "livy.statement.duration";

    private final MeterRegistry registry;

    public SessionTimings(MeterRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public void sessionReady(SessionKind kind, Duration startTime) {
        Timer.builder(SESSION_START).description("From POST /sessions to the session's first idle")
                .tag("kind", kind.wireName()).publishPercentileHistogram().register(registry).record(startTime);
    }

    @Override
    public void statementFinished(CodeKind kind, StatementState state, Duration runTime) {
        Timer.builder(STATEMENT_DURATION).description("How long statements ran, by kind and final state")
                .tag("kind", kind.wireName()).tag("state", state.wireName()).publishPercentileHistogram()
                .register(registry).record(runTime);
    }
}
