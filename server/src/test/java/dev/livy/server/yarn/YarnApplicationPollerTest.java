package dev.livy.server.yarn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.server.testing.Eventually;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class YarnApplicationPollerTest {
    private final FakeResourceManager resourceManager = new FakeResourceManager();

    @Test
    void reportsEachApplicationUntilItEnds() {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (YarnApplicationPoller poller = poller(Duration.ofHours(1))) {
            poller.follow("application_1_0001", application -> reports.add(application.state()));
            poller.pollOnce();
            resourceManager.report("application_1_0001", "RUNNING", "UNDEFINED", "");
            poller.pollOnce();
            resourceManager.report("application_1_0001", "FINISHED", "SUCCEEDED", "");
            poller.pollOnce();
            poller.pollOnce();

            assertEquals(List.of("RUNNING", "FINISHED"), reports, "nothing while YARN does not know it yet");
            assertEquals(0, poller.followedCount());
        }
    }

    @Test
    void anApplicationYarnDoesNotKnowWithinTheLookupTimeoutIsReportedFailedWithTheReason() {
        List<YarnApplication> reports = new CopyOnWriteArrayList<>();
        try (YarnApplicationPoller poller = new YarnApplicationPoller(resourceManager, Duration.ofHours(1),
                Duration.ZERO)) {
            poller.follow("application_1_0009", reports::add);
            poller.pollOnce();

            assertEquals(1, reports.size());
            assertEquals("YARN application application_1_0009 FAILED (FAILED): the ResourceManager did not know the "
                    + "application within livy.server.yarn.app-lookup-timeout (0s)",
                    reports.get(0).toReport().description());
            assertEquals(0, poller.followedCount());
        }
    }

    @Test
    void killsGoThroughThePollersThread() {
        resourceManager.report("application_1_0003", "RUNNING", "UNDEFINED", "");
        try (YarnApplicationPoller poller = new YarnApplicationPoller(resourceManager, Duration.ofHours(1),
                Duration.ofHours(1))) {
            poller.kill("application_1_0003");

            Eventually.holds(() -> resourceManager.killed().equals(List.of("application_1_0003")));
        }
    }

    @Test
    void anUnreachableResourceManagerLeavesApplicationsFollowed() {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (YarnApplicationPoller poller = poller(Duration.ofHours(1))) {
            poller.follow("application_1_0001", application -> reports.add(application.state()));
            resourceManager.report("application_1_0001", "RUNNING", "UNDEFINED", "");
            resourceManager.setReachable(false);
            poller.pollOnce();
            resourceManager.setReachable(true);
            poller.pollOnce();

            assertEquals(List.of("RUNNING"), reports);
            assertEquals(1, poller.followedCount());
        }
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<String> reports = new CopyOnWriteArrayList<>();
        try (YarnApplicationPoller poller = poller(Duration.ofHours(1))) {
            poller.follow("application_1_0001", application -> {
                throw new IllegalStateException("listener bug");
            });
            poller.follow("application_1_0002", application -> reports.add(application.id()));
            resourceManager.report("application_1_0001", "RUNNING", "UNDEFINED", "");
            resourceManager.report("application_1_0002", "RUNNING", "UNDEFINED", "");
            poller.pollOnce();

            assertEquals(List.of("application_1_0002"), reports);
        }
    }

    @Test
    void fiftyApplicationsAreFollowedByOneThread() {
        try (YarnApplicationPoller poller = poller(Duration.ofMillis(10))) {
            poller.start();
            for (int index = 1; index <= 50; index++) {
                String id = "application_1_" + index;
                resourceManager.report(id, "RUNNING", "UNDEFINED", "");
                poller.follow(id, application -> { });
            }
            Eventually.holds(() -> resourceManager.asked().size() >= 100);

            assertEquals(50, poller.followedCount());
            assertEquals(1, Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().startsWith("yarn-poller")).count());
        }
    }

    private YarnApplicationPoller poller(Duration interval) {
        return new YarnApplicationPoller(resourceManager, interval, Duration.ofHours(1));
    }
}
