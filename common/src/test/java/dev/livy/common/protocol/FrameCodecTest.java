package dev.livy.common.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    private static final int FOUR_MIB = 4 * 1024 * 1024;

    @Test
    void aLargeFrameArrivesWhole() throws IOException {
        String text = "x".repeat(FOUR_MIB);
        DriverMessage sent = new DriverMessage.StatementCompleted(2,
                new StatementOutput.Ok(2, JsonNodeFactory.instance.objectNode().put("text/plain", text)));

        assertEquals(sent, FrameCodec.read(streamOf(sent)));
    }

    /** Jackson refuses strings over 20 MB by default; an operator may allow outputs larger than that. */
    @Test
    void anOutputOfTensOfMegabytesArrivesWhole() throws IOException {
        String text = "x".repeat(30 * 1024 * 1024);
        DriverMessage sent = new DriverMessage.StatementCompleted(3,
                new StatementOutput.Ok(3, JsonNodeFactory.instance.objectNode().put("text/plain", text)));

        assertEquals(sent, FrameCodec.read(streamOf(sent)));
    }

    @Test
    void aFrameAboveTheReadersLimitIsRefusedWithoutReadingItsBody() {
        byte[] announcement = ByteBuffer.allocate(4).putInt(FOUR_MIB).array();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(announcement));

        InvalidFrameException refused = assertThrows(InvalidFrameException.class,
                () -> FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME_BYTES));
        assertEquals("a frame of " + FOUR_MIB + " bytes exceeds the limit of 4096 bytes", refused.getMessage());
    }

    @Test
    void anAnnouncedFrameCostsOnlyTheMemoryOfTheBytesThatArrive() throws IOException {
        FrameCodec.read(streamOf(new DriverMessage.Welcome()));
        byte[] announcementThenLittle = ByteBuffer.allocate(4 + 100).putInt(FrameCodec.MAX_FRAME_BYTES).array();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(announcementThenLittle));
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();

        assertThrows(EOFException.class, () -> FrameCodec.read(in));

        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024 * 1024, "announcing 64 MiB and sending 100 bytes allocated " + allocated);
    }

    @Test
    void aBodyThatIsNotAMessageIsAnInvalidFrame() {
        byte[] body = "{\"type\":\"no_such_message\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();

        InvalidFrameException refused = assertThrows(InvalidFrameException.class,
                () -> FrameCodec.read(new DataInputStream(new ByteArrayInputStream(frame))));
        assertTrue(refused.getMessage().startsWith("a frame of " + body.length + " bytes is not a driver message"),
                refused.getMessage());
    }

    private static DataInputStream streamOf(DriverMessage message) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameCodec.write(new DataOutputStream(bytes), message);
        return new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    }
}
