package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OrphanKillerTest {
    @Test
    void theChildIsKilledWhenItsOwnerIsGone() throws Exception {
        Process child = new ProcessBuilder("sleep", "600").start();
        try (OrphanKiller killer = OrphanKiller.watch(child)) {
            killer.ownerGone();

            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "the child was killed");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void closingLeavesTheChildToItsOwner() throws Exception {
        Process child = new ProcessBuilder("sleep", "600").start();
        try {
            OrphanKiller killer = OrphanKiller.watch(child);
            ProcessHandle watcher = ProcessHandle.current().children()
                    .filter(process -> process.info().commandLine().orElse("").contains("kill -KILL " + child.pid()))
                    .findFirst().orElseThrow();

            killer.close();

            watcher.onExit().get(10, TimeUnit.SECONDS);
            assertTrue(child.isAlive(), "the child lives on");
        } finally {
            child.destroyForcibly();
        }
    }
}
