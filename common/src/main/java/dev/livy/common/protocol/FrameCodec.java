package dev.livy.common.protocol;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;

/**
 * Reads and writes {@link DriverMessage}s as frames: a 4-byte big-endian length, then that many bytes of UTF-8
 * JSON. Not thread-safe: one reader and one writer per stream, each confined to its thread or lock.
 */
public final class FrameCodec {
    /** Large enough for a statement output of many megabytes, small enough that a bad length cannot exhaust memory. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private FrameCodec() {
    }

    public static void write(DataOutputStream out, DriverMessage message) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(message);
        if (body.length > MAX_FRAME_BYTES) {
            throw new IOException("Frame of " + body.length + " bytes exceeds the limit of " + MAX_FRAME_BYTES);
        }
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** Blocks for the next message; {@link EOFException} when the peer closed the stream between frames. */
    public static DriverMessage read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_FRAME_BYTES) {
            throw new IOException("Invalid frame length " + length);
        }
        byte[] body = new byte[length];
        in.readFully(body);
        return MAPPER.readValue(body, DriverMessage.class);
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
