package dev.livy.server.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CredentialCacheTest {
    private final AtomicLong now = new AtomicLong();

    @Test
    void remembersOnlyTheExactUserAndPassword() {
        CredentialCache cache = CredentialCache.untilDropped(10);

        cache.add("alice", "wonderland");

        assertTrue(cache.contains("alice", "wonderland"));
        assertFalse(cache.contains("alice", "Wonderland"));
        assertFalse(cache.contains("bob", "wonderland"));
        assertFalse(cache.contains("alicew", "onderland"));
    }

    @Test
    void forgetsAnEntryWhenItsTimeIsUp() {
        CredentialCache cache = CredentialCache.expiring(10, Duration.ofSeconds(60), now::get);
        cache.add("alice", "wonderland");

        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertTrue(cache.contains("alice", "wonderland"));

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        assertFalse(cache.contains("alice", "wonderland"));
        assertEquals(0, cache.size());
    }

    @Test
    void keepsAtMostItsCapacityDroppingTheLeastRecentlyUsed() {
        CredentialCache cache = CredentialCache.expiring(2, Duration.ofSeconds(60), now::get);
        cache.add("alice", "a");
        cache.add("bob", "b");
        assertTrue(cache.contains("alice", "a"));

        cache.add("carol", "c");

        assertEquals(2, cache.size());
        assertTrue(cache.contains("alice", "a"));
        assertFalse(cache.contains("bob", "b"));
        assertTrue(cache.contains("carol", "c"));
    }
}
