package dev.livy.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.launch.LogBuffer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a cluster-mode driver sends of its output shows in the session's log, within bounds. */
class DriverOutputLogTest {
    private final LogBuffer log = new LogBuffer(1000);
    private final DriverOutputLog driverOutput = new DriverOutputLog(log);

    @Test
    void stdoutAndStderrLinesGoToTheirStreamsOfTheLog() {
        driverOutput.append(new DriverMessage.DriverOutput("stdout", List.of("printed"), 0));
        driverOutput.append(new DriverMessage.DriverOutput("stderr", List.of("INFO SparkContext: started", "oops"),
                0));

        assertEquals(List.of("stdout: ", "printed", "\nstderr: ", "INFO SparkContext: started", "oops"),
                log.lines());
    }

    @Test
    void droppedLinesAreSaidAndAFloodingMessageIsCut() {
        List<String> flood = Collections.nCopies(DriverOutputLog.MAX_LINES_PER_MESSAGE + 10, "spam");

        driverOutput.append(new DriverMessage.DriverOutput("stderr", flood, 5));

        List<String> lines = log.lines();
        assertEquals(2 + DriverOutputLog.MAX_LINES_PER_MESSAGE + 1, lines.size());
        assertEquals("livy: the driver wrote 15 more lines than the server keeps; left out",
                lines.get(lines.size() - 1));
    }
}
