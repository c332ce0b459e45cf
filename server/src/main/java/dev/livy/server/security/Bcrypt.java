package dev.livy.server.security;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks passwords against the bcrypt hashes that {@code htpasswd -B} writes ({@code $2y$}, and the {@code $2a$} and
 * {@code $2b$} of other tools), with the same answer as Apache's own check, and in constant time (the library
 * compares the digests with a constant-time comparison). Thread-safe.
 */
final class Bcrypt {
    /** Bcrypt keys Blowfish with at most this many bytes of the password; htpasswd ignores the rest. */
    static final int KEY_BYTES = 72;

    private static final Pattern HASH = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");
    private static final BCrypt.Verifyer WITH_TERMINATOR = BCrypt.verifyer(null, LongPasswordStrategies.none());
    private static final BCrypt.Verifyer WITHOUT_TERMINATOR = BCrypt.verifyer(
            BCrypt.Version.VERSION_2Y_NO_NULL_TERMINATOR, LongPasswordStrategies.none());
    private static final Map<Integer, String> DECOYS = new ConcurrentHashMap<>();
    private static final int MIN_COST = BCrypt.MIN_COST;
    private static final String PADDING_PASSWORD = "not-the-decoy's-password";

    private Bcrypt() {
    }

    static boolean isHash(String text) {
        return HASH.matcher(text).matches();
    }

    /** The cost (log2 of the rounds) of a hash that {@link #isHash} accepts. */
    static int cost(String hash) {
        Matcher matcher = HASH.matcher(hash);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a bcrypt hash");
        }
        return Integer.parseInt(matcher.group(1));
    }

    static boolean verify(String password, String hash) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        byte[] hashBytes = hash.getBytes(StandardCharsets.US_ASCII);
        try {
            if (key.length < KEY_BYTES) {
                return WITH_TERMINATOR.verify(key, hashBytes).verified;
            }
            // crypt_blowfish, which htpasswd uses, keys with the first 72 bytes and no terminating NUL: a longer
            // password matches whatever follows them.
            byte[] truncated = Arrays.copyOf(key, KEY_BYTES);
            try {
                return WITHOUT_TERMINATOR.verify(truncated, hashBytes).verified;
            } finally {
                Arrays.fill(truncated, (byte) 0);
            }
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * A hash of a random password with the given cost. Checking a password for an unknown user against it takes as
     * long as checking a known user's, so the time of a refusal does not tell which user names exist.
     */
    static String decoy(int cost) {
        return DECOYS.computeIfAbsent(cost, Bcrypt::randomHash);
    }

    /**
     * After refusing a password checked against a hash of {@code spentCost}, does the rest of the work of a check at
     * {@code targetCost}: decoy checks of costs {@code spentCost} to {@code targetCost - 1}, whose rounds add up to
     * those of one check at {@code targetCost} (2<sup>s</sup> + ... + 2<sup>t-1</sup> = 2<sup>t</sup> - 2<sup>s</sup>).
     * A known user with a cheap hash is then refused as slowly as an unknown one.
     */
    static void padRefusal(int spentCost, int targetCost) {
        for (int cost = Math.max(spentCost, MIN_COST); cost < targetCost; cost++) {
            verify(PADDING_PASSWORD, decoy(cost));
        }
    }

    private static String randomHash(int cost) {
        byte[] password = new byte[32];
        new SecureRandom().nextBytes(password);
        return new String(BCrypt.with(BCrypt.Version.VERSION_2Y).hash(cost, password), StandardCharsets.US_ASCII);
    }
}
