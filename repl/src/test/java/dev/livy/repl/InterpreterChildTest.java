package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The child-process protocol on a real shell child: requests, replies among other lines, the end of the child. */
class InterpreterChildTest {
    /** Says it is ready, then answers each line with a log line and a marked reply naming it; "quit" ends it. */
    private static final String CHILD = "echo 'M {\"op\":\"ready\"}'; while read line; do "
            + "[ \"$line\" = quit ] && exit 3; echo \"noise $line\"; echo \"M {\\\"got\\\":\\\"$line\\\"}\"; done";

    @Test
    void repliesAreTheMarkedLinesAndAnExitedChildAnswersNull() throws IOException {
        InterpreterChild child = new InterpreterChild(List.of("sh", "-c", CHILD), Map.of(), 1024,
                line -> line.startsWith("M ") ? Optional.of(line.substring(2)) : Optional.empty());
        assertFalse(child.isRunning());
        assertEquals("not started", child.describeExit());

        child.start();
        assertEquals("ready", child.readReply().path("op").asText());
        assertEquals("hello", child.request("hello").path("got").asText());
        assertTrue(child.isRunning());

        assertNull(child.request("quit"));
        assertEquals("exit code 3", child.describeExit());
        assertFalse(child.isRunning());
        child.start();
        assertEquals("ready", child.readReply().path("op").asText(), "a fresh child after the death");
        child.stop();
    }

    @Test
    void aReplyLongerThanTheBoundIsDropped() throws IOException {
        InterpreterChild child = new InterpreterChild(List.of("sh", "-c", "echo 'M {\"long\":\"" + "x".repeat(200)
                + "\"}'; echo 'M {\"short\":1}'; read line"), Map.of(), 100, line -> Optional.of(line.substring(2)));
        child.start();

        assertThrows(BoundedLineReader.LineTooLongException.class, child::readReply);
        assertEquals(1, child.readReply().path("short").asInt(), "the next reply is read whole");
        child.stop();
    }
}
