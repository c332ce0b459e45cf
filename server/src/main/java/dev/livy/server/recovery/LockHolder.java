package dev.livy.server.recovery;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.livy.server.launch.ProcessIdentity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.UUID;

/**
 * The server that holds a state store's lock, as written into the lock so that a refused server can name it, and a
 * server on the same host can tell that the holder's process is gone.
 *
 * @param host            the holder's host name
 * @param pid             the holder's process id
 * @param startedAtMillis the holder process's start time (epoch milliseconds), so that a reused pid is not mistaken
 *                        for it
 * @param lockId          one taking of the lock, so that a holder knows its own lock from another's in the same
 *                        process
 */
public record LockHolder(@JsonProperty("host") String host, @JsonProperty("pid") long pid,
        @JsonProperty("startedAtMillis") long startedAtMillis, @JsonProperty("lockId") String lockId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** This process on this host, taking a lock now. */
    public static LockHolder current() {
        ProcessHandle self = ProcessHandle.current();
        long started = ProcessIdentity.of(self).map(ProcessIdentity::startedAtMillis).orElse(0L);
        return new LockHolder(localHostName(), self.pid(), started, UUID.randomUUID().toString());
    }

    /** The holder written in a lock; empty when the text is not one (a lock another program wrote, or torn). */
    public static Optional<LockHolder> parse(byte[] text) {
        try {
            return Optional.of(JSON.readValue(text, LockHolder.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("A lock holder cannot be written as JSON", e);
        }
    }

    /** Whether the holder ran on this host and its process has exited (a crash), so that its lock is stale. */
    public boolean goneFromThisHost() {
        return host.equals(localHostName()) && new ProcessIdentity(pid, startedAtMillis).find().isEmpty();
    }

    /** How an operator finds the holder: {@code pid 4711 on host spark-edge-1}. */
    public String describe() {
        return "pid " + pid + " on host " + host;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
