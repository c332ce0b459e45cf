package dev.livy.server.yarn;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A ResourceManager the test sets the reports of; a kill makes the application {@code KILLED}, as YARN does.
 * Thread-safe.
 */
public final class FakeResourceManager implements ResourceManager {
    private final Map<String, YarnApplication> applications = new ConcurrentHashMap<>();
    private final List<String> killed = new CopyOnWriteArrayList<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;

    /** Sets the application's report: its YARN state, final status and diagnostics. */
    public void report(String id, String state, String finalStatus, String diagnostics) {
        applications.put(id, new YarnApplication(id, "app", "default", state, finalStatus, diagnostics,
                "http://rm:8088/proxy/" + id + "/", "http://nm:8042/node/containerlogs/container_" + id + "/livy"));
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** The applications killed, in order. */
    public List<String> killed() {
        return List.copyOf(killed);
    }

    /** Every report asked for, in order. */
    public List<String> asked() {
        return List.copyOf(asked);
    }

    @Override
    public Optional<YarnApplication> application(String applicationId) throws IOException {
        asked.add(applicationId);
        if (!reachable) {
            throw new IOException("Connection refused");
        }
        return Optional.ofNullable(applications.get(applicationId));
    }

    @Override
    public void checkReachable() throws IOException {
        if (!reachable) {
            throw new IOException("the YARN ResourceManager at http://rm:8088 cannot be reached (connection refused)");
        }
    }

    @Override
    public void kill(String applicationId) throws IOException {
        if (!reachable) {
            throw new IOException("Connection refused");
        }
        killed.add(applicationId);
        report(applicationId, "KILLED", "KILLED", "Application killed by user.");
    }
}
