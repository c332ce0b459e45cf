package dev.livy.server.session;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.server.launch.LogBuffer;
import java.util.Objects;

/**
 * A cluster-mode driver's own output, as it sends it over the channel, in the session's log: its stdout and stderr
 * lines in the log's streams, and a line saying how many it dropped. At most {@link #MAX_LINES_PER_MESSAGE} lines of
 * a message are kept, whatever a driver sends; the log bounds the rest. Thread-safe (the log is).
 */
final class DriverOutputLog {
    static final int MAX_LINES_PER_MESSAGE = 200;

    private final LogBuffer log;

    DriverOutputLog(LogBuffer log) {
        this.log = Objects.requireNonNull(log, "log");
    }

    void append(DriverMessage.DriverOutput output) {
        boolean stderr = DriverMessage.DriverOutput.STDERR.equals(output.stream());
        int kept = Math.min(output.lines().size(), MAX_LINES_PER_MESSAGE);
        for (String line : output.lines().subList(0, kept)) {
            if (stderr) {
                log.appendStderr(line);
            } else {
                log.appendStdout(line);
            }
        }
        long dropped = (long) output.dropped() + output.lines().size() - kept;
        if (dropped > 0) {
            log.appendStderr("livy: the driver wrote " + dropped + " more lines than the server keeps; left out");
        }
    }
}
