package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdoptedProcessTest {

    @Test
    void aRunningProcessIsFoundByItsIdentityAndItsExitIsNoticed() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessIdentity identity = ProcessIdentity.of(sleeper.toHandle()).orElseThrow();

            AdoptedProcess adopted = AdoptedProcess.find(identity, () -> 7).orElseThrow();
            assertTrue(adopted.isAlive());
            adopted.terminateTree();

            assertEquals(7, adopted.onExit().get(10, TimeUnit.SECONDS));
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aPidNowHeldByAProcessStartedAtAnotherTimeIsNotTheSameProcess() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessIdentity real = ProcessIdentity.of(sleeper.toHandle()).orElseThrow();
            ProcessIdentity reused = new ProcessIdentity(real.pid(), real.startedAtMillis() - 60_000);

            assertFalse(AdoptedProcess.find(reused, () -> 0).isPresent());
            assertTrue(real.find().isPresent());
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessThatHasExitedIsNotFound() throws Exception {
        Process quick = new ProcessBuilder("true").start();
        ProcessIdentity identity = ProcessIdentity.of(quick.toHandle())
                .orElse(new ProcessIdentity(quick.pid(), 0));
        quick.waitFor();

        assertFalse(AdoptedProcess.find(identity, () -> 0).isPresent());
    }
}
