package dev.livy.server.driver;

import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Optional;

/**
 * Reads length-prefixed frames from a non-blocking channel as their bytes arrive: a frame's body is allocated once
 * its length is known and checked against the limit, so a peer cannot make the server hold more than one frame of
 * at most {@code maxFrameBytes}. Not thread-safe: confined to the thread that reads the channel.
 */
final class FrameReader {
    private final int maxFrameBytes;
    private final ByteBuffer length = ByteBuffer.allocate(FrameCodec.LENGTH_BYTES);
    private ByteBuffer body;

    FrameReader(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * The next whole frame, or empty when its bytes have not all arrived yet (the bytes read so far are kept).
     *
     * @throws EOFException when the peer closed the connection
     * @throws dev.livy.common.protocol.InvalidFrameException when the frame is too long or not a message
     */
    Optional<DriverMessage> read(ReadableByteChannel channel) throws IOException {
        if (body == null) {
            readSome(channel, length);
            if (length.hasRemaining()) {
                return Optional.empty();
            }
            body = ByteBuffer.allocate(FrameCodec.checkedLength(length.flip().getInt(), maxFrameBytes));
        }
        readSome(channel, body);
        if (body.hasRemaining()) {
            return Optional.empty();
        }
        DriverMessage message = FrameCodec.decode(body.array());
        length.clear();
        body = null;
        return Optional.of(message);
    }

    private static void readSome(ReadableByteChannel channel, ByteBuffer buffer) throws IOException {
        if (buffer.hasRemaining() && channel.read(buffer) < 0) {
            throw new EOFException("the peer closed the connection");
        }
    }
}
