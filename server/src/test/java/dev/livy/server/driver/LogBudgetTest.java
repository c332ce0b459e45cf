package dev.livy.server.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void failuresBeyondTheBudgetAreCountedAndReportedOnceTheWindowEnds() {
        LogBudget budget = new LogBudget(3, Duration.ofMinutes(1), 0);

        int logged = 0;
        for (int i = 0; i < 10; i++) {
            logged += budget.tryLog(i * SECOND) ? 1 : 0;
        }

        assertEquals(3, logged);
        assertEquals(0, budget.drainSuppressed(30 * SECOND), "the window has not ended");
        assertEquals(7, budget.drainSuppressed(60 * SECOND));
        assertEquals(0, budget.drainSuppressed(121 * SECOND), "reported once");
        assertTrue(budget.tryLog(121 * SECOND), "a new window logs again");
    }

    @Test
    void aQuietWindowStartsAFreshBudget() {
        LogBudget budget = new LogBudget(1, Duration.ofMinutes(1), 0);

        assertTrue(budget.tryLog(0));
        assertFalse(budget.tryLog(SECOND));
        assertEquals(1, budget.drainSuppressed(61 * SECOND));
        assertTrue(budget.tryLog(200 * SECOND));
    }
}
