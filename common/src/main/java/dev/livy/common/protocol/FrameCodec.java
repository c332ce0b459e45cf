package dev.livy.common.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Reads and writes {@link DriverMessage}s as frames: a 4-byte big-endian length, then that many bytes of UTF-8
 * JSON. Not thread-safe: one reader and one writer per stream, each confined to its thread or lock.
 */
public final class FrameCodec {
    /** Large enough for a statement output of many megabytes, small enough that a bad length cannot exhaust memory. */
    public static final int MAX_FRAME_BYTES = 64 * 1024 * 1024;

    /**
     * The limit while the peer is not yet authenticated: the handshake's frames are a few hundred bytes, and a
     * peer that has proved nothing must not make the other side hold more.
     */
    public static final int HANDSHAKE_MAX_FRAME_BYTES = 4096;

    public static final int LENGTH_BYTES = Integer.BYTES;

    /** A body grows from this size as its bytes arrive, so an announced length alone allocates little. */
    private static final int FIRST_CHUNK_BYTES = 64 * 1024;

    // Jackson's default string limit (20 MB) is below the frame limit; the frame limit is the one that counts.
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(MAX_FRAME_BYTES).build())
                    .build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .build();

    private FrameCodec() {
    }

    public static void write(DataOutputStream out, DriverMessage message) throws IOException {
        byte[] body = body(message);
        out.writeInt(body.length);
        out.write(body);
        out.flush();
    }

    /** The whole frame, length prefix included, for a writer without a stream. */
    public static ByteBuffer encode(DriverMessage message) throws IOException {
        byte[] body = body(message);
        return ByteBuffer.allocate(LENGTH_BYTES + body.length).putInt(body.length).put(body).flip();
    }

    private static byte[] body(DriverMessage message) throws IOException {
        byte[] body = MAPPER.writeValueAsBytes(message);
        if (body.length > MAX_FRAME_BYTES) {
            throw new IOException("Frame of " + body.length + " bytes exceeds the limit of " + MAX_FRAME_BYTES);
        }
        return body;
    }

    /** Blocks for the next message; {@link EOFException} when the peer closed the stream. */
    public static DriverMessage read(DataInputStream in) throws IOException {
        return read(in, MAX_FRAME_BYTES);
    }

    /**
     * Blocks for the next message, refusing a frame longer than {@code maxBytes} before reading its body;
     * {@link EOFException} when the peer closed the stream.
     */
    public static DriverMessage read(DataInputStream in, int maxBytes) throws IOException {
        int length = checkedLength(in.readInt(), maxBytes);
        byte[] body = new byte[Math.min(length, FIRST_CHUNK_BYTES)];
        int received = 0;
        while (received < length) {
            if (received == body.length) {
                body = Arrays.copyOf(body, (int) Math.min(length, 2L * body.length));
            }
            int count = in.read(body, received, body.length - received);
            if (count < 0) {
                throw new EOFException("The stream ended after " + received + " of " + length + " bytes of a frame");
            }
            received += count;
        }
        return decode(body);
    }

    /** The length from a frame's prefix, if it is within {@code maxBytes}. */
    public static int checkedLength(int length, int maxBytes) throws InvalidFrameException {
        if (length < 0) {
            throw new InvalidFrameException("a frame announced a negative length (" + length + ")");
        }
        if (length > maxBytes) {
            throw new InvalidFrameException(
                    "a frame of " + length + " bytes exceeds the limit of " + maxBytes + " bytes");
        }
        return length;
    }

    /** The message in a frame's body; a statement's output in it is kept as the body's bytes ({@link RawJson}). */
    public static DriverMessage decode(byte[] body) throws InvalidFrameException {
        try {
            return RawJson.read(MAPPER, body, DriverMessage.class);
        } catch (JsonProcessingException e) {
            throw new InvalidFrameException("a frame of " + body.length + " bytes is not a driver message: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidFrameException("a frame of " + body.length + " bytes cannot be read: " + e.getMessage());
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
