package dev.livy.server.driver;

import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Objects;
import java.util.Optional;

/**
 * One peer on the driver channel that has not yet proved it is a driver we launched: reads its frames as bytes
 * arrive, never more than {@link FrameCodec#HANDSHAKE_MAX_FRAME_BYTES} each, and answers them (hello, then
 * challenge; proof, then welcome). It reads exactly the frames it expects, so no byte meant for the authenticated
 * connection is consumed here. Failures are {@link IOException}s whose message says, for the log, what the peer
 * did wrong (never with a secret). Not thread-safe: confined to the channel's handshake thread.
 */
final class Handshake {
    private final SocketChannel channel;
    private final DriverChannelServer.Sessions sessions;
    private final long deadlineNanos;
    private final FrameReader frames = new FrameReader(FrameCodec.HANDSHAKE_MAX_FRAME_BYTES);
    private ByteBuffer output;
    private int sessionId = -1;
    private DriverChannelServer.PendingDriver pending;
    private String serverNonce;
    private boolean welcomed;

    Handshake(SocketChannel channel, DriverChannelServer.Sessions sessions, long deadlineNanos) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.deadlineNanos = deadlineNanos;
    }

    SocketChannel channel() {
        return channel;
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    /** The session the peer named in its hello, or -1 before that. */
    int sessionId() {
        return sessionId;
    }

    /** The session the peer proved it belongs to; only meaningful once {@link #isAuthenticated}. */
    DriverChannelServer.PendingDriver pending() {
        return pending;
    }

    boolean wantsToWrite() {
        return output != null;
    }

    /** The peer proved it knows the session's secret and has been sent the welcome. */
    boolean isAuthenticated() {
        return welcomed && output == null;
    }

    /** Reads what has arrived, and answers the frame it completes. */
    void onReadable() throws IOException {
        if (output != null || welcomed) {
            throw new IOException("the peer sent more than the handshake before its answer");
        }
        Optional<DriverMessage> message = frames.read(channel);
        if (message.isEmpty()) {
            return;
        }
        if (pending == null) {
            answerHello(message.get());
        } else {
            answerProof(message.get());
        }
    }

    void onWritable() throws IOException {
        channel.write(output);
        if (!output.hasRemaining()) {
            output = null;
        }
    }

    private void answerHello(DriverMessage message) throws IOException {
        if (!(message instanceof DriverMessage.Hello hello)) {
            throw new IOException("the peer did not start with hello");
        }
        sessionId = hello.sessionId();
        Optional<DriverChannelServer.PendingDriver> found = sessions.pendingDriver(sessionId);
        if (found.isEmpty()) {
            throw new IOException("the peer named session " + sessionId + ", which awaits no driver");
        }
        pending = found.get();
        serverNonce = ChannelAuth.newNonce();
        output = FrameCodec.encode(new DriverMessage.Challenge(
                ChannelAuth.proof(pending.secret(), ChannelAuth.SERVER_ROLE, hello.driverNonce()), serverNonce));
        onWritable();
    }

    private void answerProof(DriverMessage message) throws IOException {
        if (!(message instanceof DriverMessage.Proof proof)
                || !ChannelAuth.verify(pending.secret(), ChannelAuth.DRIVER_ROLE, serverNonce, proof.driverProof())) {
            throw new IOException("the peer failed authentication for session " + sessionId);
        }
        output = FrameCodec.encode(new DriverMessage.Welcome());
        welcomed = true;
        onWritable();
    }
}
