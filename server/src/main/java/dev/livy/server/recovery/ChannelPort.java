package dev.livy.server.recovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The driver channel's port across restarts: drivers that outlive their server reconnect to the port they were
 * given, so with recovery on and {@code livy.rsc.launcher.port} 0 a restarted server binds the port the previous
 * one bound ({@code server/channel-port}). Stateless.
 */
public final class ChannelPort {
    static final String KEY = "server/channel-port";

    private ChannelPort() {
    }

    /**
     * The port to bind: the configured one when it is fixed or recovery is off, else the one stored by the
     * previous server (0, any free port, when there is none).
     *
     * @throws IOException when the store cannot be read or holds no port
     */
    public static int toBind(StateStore store, int configured) throws IOException {
        if (configured != 0 || !store.enabled()) {
            return configured;
        }
        byte[] stored = store.get(KEY).orElse(null);
        if (stored == null) {
            return 0;
        }
        String text = new String(stored, StandardCharsets.UTF_8).trim();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IOException("The state store's " + KEY + " is not a port: " + text, e);
        }
    }

    /** Stores the port bound, for the next server. */
    public static void remember(StateStore store, int bound) throws IOException {
        if (store.enabled()) {
            store.put(KEY, Integer.toString(bound).getBytes(StandardCharsets.UTF_8));
        }
    }
}
