package dev.livy.server.standalone;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A standalone master the test sets the drivers of, on one worker ({@link #WORKER_UI}); a kill makes the driver
 * {@code KILLED}, as the master does. Thread-safe.
 */
public final class FakeStandaloneMaster implements StandaloneMaster {
    public static final String WORKER = "worker-20261207000000-127.0.0.1-40000";
    public static final String WORKER_UI = "http://127.0.0.1:8081";

    private final Map<String, StandaloneDriver> drivers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> stderr = new ConcurrentHashMap<>();
    private final List<String> killed = new CopyOnWriteArrayList<>();
    private volatile boolean reachable = true;
    private volatile int reads;

    /** Lists the driver in the state given, on the worker once it is past SUBMITTED. */
    public void driver(String id, String state) {
        drivers.put(id, new StandaloneDriver(id, state, state.equals("SUBMITTED") ? "None" : WORKER));
    }

    /** What the driver's stderr on its worker holds. */
    public void stderr(String id, List<String> lines) {
        stderr.put(id, List.copyOf(lines));
    }

    public void setReachable(boolean reachable) {
        this.reachable = reachable;
    }

    /** The drivers killed, in order. */
    public List<String> killed() {
        return List.copyOf(killed);
    }

    /** How many times the master's state was read. */
    public int reads() {
        return reads;
    }

    @Override
    public MasterState state() throws IOException {
        reads++;
        if (!reachable) {
            throw new IOException("the Spark web UI at http://127.0.0.1:8080 cannot be reached (connection refused)");
        }
        List<StandaloneDriver> active = new ArrayList<>();
        List<StandaloneDriver> completed = new ArrayList<>();
        drivers.values().forEach(driver -> (driver.hasEnded() ? completed : active).add(driver));
        return new MasterState("ALIVE", active, completed, List.of(new MasterState.Worker(WORKER, WORKER_UI)));
    }

    @Override
    public void killDriver(String driverId) throws IOException {
        if (!reachable) {
            throw new IOException("connection refused");
        }
        killed.add(driverId);
        driver(driverId, "KILLED");
    }

    @Override
    public List<String> driverStderrTail(String workerUi, String driverId) throws IOException {
        if (!WORKER_UI.equals(workerUi)) {
            throw new IOException("no worker at " + workerUi);
        }
        return stderr.getOrDefault(driverId, List.of());
    }
}
