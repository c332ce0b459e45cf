package dev.livy.server.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Remembers user and password pairs that a slow check (bcrypt, an LDAP bind) has recently accepted, so that a client
 * sending the same Basic header on every request pays for the check once. Only successes are remembered. An entry is
 * an HMAC-SHA256 of user and password under a random key made for this cache, never the password itself; the least
 * recently used entry goes when the cache is full. Thread-safe.
 */
final class CredentialCache {
    static final int DEFAULT_CAPACITY = 1024;

    private static final String ALGORITHM = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;
    private final int capacity;
    private final long timeToLiveNanos;
    private final LongSupplier nanoTime;
    private final Map<String, Long> acceptedAt; // guarded by this

    private CredentialCache(int capacity, long timeToLiveNanos, LongSupplier nanoTime) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        this.key = new SecretKeySpec(secret, ALGORITHM);
        this.capacity = capacity;
        this.timeToLiveNanos = timeToLiveNanos;
        this.nanoTime = nanoTime;
        this.acceptedAt = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > CredentialCache.this.capacity;
            }
        };
    }

    /** A cache whose entries last until the cache is dropped, for a store that tells when it changes. */
    static CredentialCache untilDropped(int capacity) {
        return new CredentialCache(capacity, Long.MAX_VALUE, System::nanoTime);
    }

    /** A cache whose entries expire {@code timeToLive} after the check that accepted them. */
    static CredentialCache expiring(int capacity, Duration timeToLive, LongSupplier nanoTime) {
        if (timeToLive.isNegative() || timeToLive.isZero()) {
            throw new IllegalArgumentException("time to live must be positive: " + timeToLive);
        }
        return new CredentialCache(capacity, timeToLive.toNanos(), nanoTime);
    }

    boolean contains(String user, String password) {
        String entry = entry(user, password);
        long now = nanoTime.getAsLong();
        synchronized (this) {
            Long accepted = acceptedAt.get(entry);
            if (accepted == null) {
                return false;
            }
            if (now - accepted >= timeToLiveNanos) {
                acceptedAt.remove(entry);
                return false;
            }
            return true;
        }
    }

    void add(String user, String password) {
        String entry = entry(user, password);
        long now = nanoTime.getAsLong();
        synchronized (this) {
            acceptedAt.put(entry, now);
        }
    }

    synchronized int size() {
        return acceptedAt.size();
    }

    private String entry(String user, String password) {
        byte[] userBytes = user.getBytes(StandardCharsets.UTF_8);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            // The length prefix keeps ("ab", "c") and ("a", "bc") apart.
            mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(userBytes.length).array());
            mac.update(userBytes);
            mac.update(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
