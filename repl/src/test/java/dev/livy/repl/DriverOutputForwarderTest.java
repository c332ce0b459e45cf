package dev.livy.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.livy.common.protocol.DriverMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cluster-mode driver's output reaches the server in bounded batches, and still its own streams. */
class DriverOutputForwarderTest {
    private final List<DriverMessage.FromDriver> sent = Collections.synchronizedList(new ArrayList<>());

    @Test
    void linesWrittenToAStreamAreSentAsTheyWereWrittenAndStillWrittenThrough() {
        ByteArrayOutputStream original = new ByteArrayOutputStream();
        DriverOutputForwarder forwarder = new DriverOutputForwarder(sent::add);
        PrintStream err = new PrintStream(new LineTee(original, line -> forwarder.offer("stderr", line), 2000), true,
                StandardCharsets.UTF_8);

        err.println("WARN the first line");
        err.print("ünïcode and a windows line end\r\n");
        err.print("not ended yet");
        forwarder.flush();

        assertEquals(List.of(new DriverMessage.DriverOutput("stderr",
                List.of("WARN the first line", "ünïcode and a windows line end"), 0)), sent);
        assertEquals("WARN the first line\nünïcode and a windows line end\r\nnot ended yet",
                original.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aChattyDriverIsSentAtMostOneBatchPerFlushAndWhatOverflowsIsCountedAsDropped() {
        DriverOutputForwarder forwarder = new DriverOutputForwarder(sent::add);
        int written = DriverOutputForwarder.MAX_QUEUED_LINES + 5;
        for (int line = 0; line < written; line++) {
            forwarder.offer("stdout", "line " + line);
        }

        forwarder.flush();

        DriverMessage.DriverOutput first = (DriverMessage.DriverOutput) sent.get(0);
        assertEquals(1, sent.size());
        assertEquals(DriverOutputForwarder.MAX_LINES_PER_BATCH, first.lines().size());
        assertEquals("line 0", first.lines().get(0));
        assertEquals(5, first.dropped());
    }

    @Test
    void anEndlessLineIsCutAtTheCap() {
        DriverOutputForwarder forwarder = new DriverOutputForwarder(sent::add);

        forwarder.offer("stdout", "x".repeat(DriverOutputForwarder.MAX_LINE_CHARS * 3));
        forwarder.flush();

        assertEquals(DriverOutputForwarder.MAX_LINE_CHARS,
                ((DriverMessage.DriverOutput) sent.get(0)).lines().get(0).length());
    }

    @Test
    void installedInClusterModeItTeesTheProcesssStreamsUntilClosed() {
        PrintStream before = System.err;
        try (DriverOutputForwarder forwarder = DriverOutputForwarder.installIf(true, sent::add)) {
            System.err.println("from a statement, to the driver's stderr");
        }
        System.err.println("after the driver closed it");

        assertEquals(before, System.err);
        assertEquals(List.of(new DriverMessage.DriverOutput("stderr",
                List.of("from a statement, to the driver's stderr"), 0)), sent);
    }

    @Test
    void inClientModeItChangesNothing() {
        PrintStream before = System.err;
        try (DriverOutputForwarder forwarder = DriverOutputForwarder.installIf(false, sent::add)) {
            assertEquals(before, System.err);
            System.err.println("spark-submit's output carries this");
        }

        assertEquals(List.of(), sent);
    }

    @Test
    void nothingWrittenSendsNothing() {
        new DriverOutputForwarder(sent::add).flush();

        assertEquals(List.of(), sent);
    }
}
