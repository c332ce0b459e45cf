package dev.livy.repl;

import dev.livy.common.protocol.ChannelAuth;
import dev.livy.common.protocol.DriverLaunchConfig;
import dev.livy.common.protocol.DriverMessage;
import dev.livy.common.protocol.FrameCodec;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * The driver's end of the driver channel: connects to the server, runs the mutual challenge-response, then carries
 * messages both ways. {@link #send} is synchronised so any thread may push events.
 */
final class ServerChannel implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MILLIS = 30_000;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 30_000;

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;

    private ServerChannel(Socket socket, DataInputStream in, DataOutputStream out) {
        this.socket = socket;
        this.in = in;
        this.out = out;
    }

    /** Connects and authenticates; fails if the server cannot prove it knows the session secret. */
    static ServerChannel connect(DriverLaunchConfig config) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress(config.serverHost(), config.serverPort()), CONNECT_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        // Until the server has proved it knows the secret, it gets small frames and a bounded wait.
        socket.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
        DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream()));
        try {
            authenticate(config, in, out);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        socket.setSoTimeout(0);
        return new ServerChannel(socket, in, out);
    }

    private static void authenticate(DriverLaunchConfig config, DataInputStream in, DataOutputStream out)
            throws IOException {
        String driverNonce = ChannelAuth.newNonce();
        FrameCodec.write(out, new DriverMessage.Hello(config.sessionId(), driverNonce));
        if (!(FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME_BYTES) instanceof DriverMessage.Challenge challenge)
                || !ChannelAuth.verify(config.secret(), ChannelAuth.SERVER_ROLE, driverNonce,
                        challenge.serverProof())) {
            throw new IOException("The server at " + config.serverHost() + ":" + config.serverPort()
                    + " failed to authenticate");
        }
        FrameCodec.write(out, new DriverMessage.Proof(
                ChannelAuth.proof(config.secret(), ChannelAuth.DRIVER_ROLE, challenge.serverNonce())));
        if (!(FrameCodec.read(in, FrameCodec.HANDSHAKE_MAX_FRAME_BYTES) instanceof DriverMessage.Welcome)) {
            throw new IOException("The server refused this driver");
        }
    }

    synchronized void send(DriverMessage message) {
        try {
            FrameCodec.write(out, message);
        } catch (IOException e) {
            close();
        }
    }

    /** Delivers messages until the connection ends; returns normally on end of stream or close. */
    void receive(Consumer<DriverMessage> handler) {
        try {
            while (!socket.isClosed()) {
                handler.accept(FrameCodec.read(in));
            }
        } catch (IOException e) {
            // The server closed the connection or went away: the driver stops either way.
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
    }
}
