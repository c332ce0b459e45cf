package dev.livy.server.metrics;

import dev.livy.common.SessionKind;
import dev.livy.common.SessionState;
import dev.livy.common.StatementState;
import dev.livy.server.batch.BatchManager;
import dev.livy.server.session.SessionManager;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jersey.server.DefaultJerseyTagsProvider;
import io.micrometer.core.instrument.binder.jersey.server.MetricsApplicationEventListener;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Objects;
import org.glassfish.jersey.server.monitoring.ApplicationEventListener;

/**
 * The server's metrics in Prometheus' text format: sessions by state and kind, statements by state and batches by
 * state (counted once per scrape from the managers' memory), session start and statement run times
 * ({@link SessionTimings}, pushed by the sessions as they happen), HTTP requests by route, method and status, and
 * the JVM's own. A scrape costs one pass over the sessions, their retained statements and the batches.
 * Thread-safe.
 */
public final class ServerMetrics implements AutoCloseable {
    /** Prometheus' text exposition format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;
    private final SessionManager sessions;
    private final BatchManager batches;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private volatile Counts counts = Counts.EMPTY;

    /** @param registry the registry the sessions' {@link SessionTimings} record into */
    public ServerMetrics(PrometheusMeterRegistry registry, SessionManager sessions, BatchManager batches) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.batches = Objects.requireNonNull(batches, "batches");
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        registerCounts();
    }

    /** The Jersey listener that times every request by route template, method and status. */
    public ApplicationEventListener httpRequests() {
        return new MetricsApplicationEventListener(registry, new DefaultJerseyTagsProvider(), "livy.http.requests",
                true);
    }

    /** Every metric now, in Prometheus' text exposition format (version 0.0.4). */
    public String scrape() {
        counts = Counts.of(sessions, batches);
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    private void registerCounts() {
        for (SessionState state : SessionState.values()) {
            for (SessionKind kind : SessionKind.values()) {
                Gauge.builder("livy.sessions", () -> counts.sessions(state, kind))
                        .description("Sessions by state and kind").tag("state", state.wireName())
                        .tag("kind", kind.wireName()).register(registry);
            }
            Gauge.builder("livy.batches", () -> counts.batches(state)).description("Batches by state")
                    .tag("state", state.wireName()).register(registry);
        }
        for (StatementState state : StatementState.values()) {
            Gauge.builder("livy.statements", () -> counts.statements(state))
                    .description("Retained statements by state").tag("state", state.wireName()).register(registry);
        }
    }
}
