package dev.livy.server.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LogBufferTest {

    @Test
    void showsStdoutThenStderrTheWayLivyDoes() {
        LogBuffer log = new LogBuffer(10);
        log.appendStderr("e1");
        log.appendStdout("o1");
        log.appendStdout("o2");

        assertEquals(List.of("stdout: ", "o1", "o2", "\nstderr: ", "e1"), log.lines());
    }

    @Test
    void keepsTheLastLinesOfEachStreamSeparately() {
        LogBuffer log = new LogBuffer(2);
        for (int i = 1; i <= 5; i++) {
            log.appendStdout("o" + i);
        }
        log.appendStderr("e1");

        assertEquals(List.of("stdout: ", "o4", "o5", "\nstderr: ", "e1"), log.lines());
    }

    @Test
    void tailIsTheEndOfTheLog() {
        LogBuffer log = new LogBuffer(10);
        log.appendStderr("e1");
        log.appendStderr("e2");

        assertEquals(List.of("e1", "e2"), log.tail(2));
        assertEquals(4, log.tail(50).size(), "headers and both lines");
    }

    @Test
    void tailSpanningBothStreamsMatchesTheEndOfTheWholeLog() {
        LogBuffer log = new LogBuffer(10);
        log.appendStdout("o1");
        log.appendStdout("o2");
        log.appendStderr("e1");

        for (int count = 0; count <= 6; count++) {
            List<String> lines = log.lines();
            assertEquals(lines.subList(Math.max(0, lines.size() - count), lines.size()), log.tail(count),
                    "tail(" + count + ")");
        }
    }

    @Test
    void cutsRunawayLines() {
        LogBuffer log = new LogBuffer(10);
        log.appendStdout("x".repeat(100_000));

        String kept = log.lines().get(1);
        assertTrue(kept.length() <= LogBuffer.MAX_LINE_CHARS + 1, "kept " + kept.length() + " chars");
    }
}
