package dev.livy.common.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Challenge-response over a shared per-session secret: each side answers the other's random nonce with
 * HMAC-SHA256(secret, role + ":" + nonce). The secret itself never crosses the wire, and the role prefix keeps
 * one side's proof from being replayed as the other's. Thread-safe.
 */
public final class ChannelAuth {
    public static final String SERVER_ROLE = "server";
    public static final String DRIVER_ROLE = "driver";

    private static final SecureRandom RANDOM = new SecureRandom();

    private ChannelAuth() {
    }

    public static String newSecret() {
        return randomToken(32);
    }

    public static String newNonce() {
        return randomToken(24);
    }

    public static String proof(String secret, String role, String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((role + ":" + nonce).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Constant-time check of a peer's proof. */
    public static boolean verify(String secret, String role, String nonce, String claimedProof) {
        if (claimedProof == null || nonce == null) {
            return false;
        }
        byte[] expected = proof(secret, role, nonce).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, claimedProof.getBytes(StandardCharsets.UTF_8));
    }

    private static String randomToken(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }
}
