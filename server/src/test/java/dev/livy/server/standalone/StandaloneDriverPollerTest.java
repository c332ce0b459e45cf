package dev.livy.server.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.SessionState;
import dev.livy.server.launch.ApplicationReport;
import dev.livy.server.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class StandaloneDriverPollerTest {
    private static final String DRIVER = "driver-20261207001500-0001";

    private final FakeStandaloneMaster master = new FakeStandaloneMaster();

    @Test
    void reportsEachDriverUntilItEndsWithALinkToItsLogOnceItHasAWorker() {
        List<ApplicationReport> reports = new CopyOnWriteArrayList<>();
        try (StandaloneDriverPoller poller = poller(Duration.ofHours(1))) {
            poller.follow(DRIVER, reports::add);
            poller.pollOnce();
            master.driver(DRIVER, "SUBMITTED");
            poller.pollOnce();
            master.driver(DRIVER, "RUNNING");
            poller.pollOnce();
            master.driver(DRIVER, "FINISHED");
            poller.pollOnce();
            poller.pollOnce();

            assertEquals(List.of(SessionState.STARTING, SessionState.RUNNING, SessionState.SUCCESS),
                    reports.stream().map(ApplicationReport::state).toList(), "nothing while the master lists none");
            assertEquals(null, reports.get(0).driverLogUrl());
            assertEquals(FakeStandaloneMaster.WORKER_UI + "/logPage/?driverId=" + DRIVER + "&logType=stderr",
                    reports.get(1).driverLogUrl());
            assertEquals(0, poller.followedCount());
        }
    }

    @Test
    void aDriverTheMasterDoesNotListWithinTheLookupTimeoutIsDeadWithTheReason() {
        List<ApplicationReport> reports = new CopyOnWriteArrayList<>();
        try (StandaloneDriverPoller poller = new StandaloneDriverPoller(master, Duration.ofHours(1), Duration.ZERO)) {
            poller.follow(DRIVER, reports::add);
            poller.pollOnce();

            assertEquals(List.of(new ApplicationReport(SessionState.DEAD, "the Spark master did not list the driver "
                    + DRIVER + " within livy.server.standalone.driver-lookup-timeout (0s)", null, null)), reports);
        }
    }

    @Test
    void anUnreachableMasterLeavesDriversFollowed() {
        List<ApplicationReport> reports = new CopyOnWriteArrayList<>();
        try (StandaloneDriverPoller poller = poller(Duration.ofHours(1))) {
            poller.follow(DRIVER, reports::add);
            master.driver(DRIVER, "RUNNING");
            master.setReachable(false);
            poller.pollOnce();
            master.setReachable(true);
            poller.pollOnce();

            assertEquals(List.of(SessionState.RUNNING), reports.stream().map(ApplicationReport::state).toList());
            assertEquals(1, poller.followedCount());
        }
    }

    @Test
    void killsGoThroughThePollersThread() {
        master.driver(DRIVER, "RUNNING");
        try (StandaloneDriverPoller poller = poller(Duration.ofHours(1))) {
            poller.kill(DRIVER);

            Eventually.holds(() -> master.killed().equals(List.of(DRIVER)));
        }
    }

    @Test
    void fiftyDriversAreFollowedByOneThreadWithOneReadOfTheMasterPerRound() {
        try (StandaloneDriverPoller poller = poller(Duration.ofMillis(10))) {
            for (int index = 1; index <= 50; index++) {
                String id = String.format("driver-20261207001500-%04d", index);
                master.driver(id, "RUNNING");
                poller.follow(id, report -> { });
            }
            poller.pollOnce();
            assertEquals(1, master.reads(), "one read of the master for all fifty");
            poller.start();
            Eventually.holds(() -> master.reads() >= 3);

            assertEquals(50, poller.followedCount());
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("standalone-poller")).count());
        }
    }

    private StandaloneDriverPoller poller(Duration interval) {
        return new StandaloneDriverPoller(master, interval, Duration.ofHours(1));
    }
}
