package dev.afterhours.notifier.delivery;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook signature: {@code X-Afterhours-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}, keyed
 * with the shared secret, where timestamp is the {@code X-Afterhours-Timestamp} header (epoch seconds). Signing the
 * timestamp with the body lets a receiver reject replays of an old, validly signed request.
 */
public final class WebhookSignature {

    public static final String SIGNATURE_HEADER = "X-Afterhours-Signature";
    public static final String TIMESTAMP_HEADER = "X-Afterhours-Timestamp";
    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final String SCHEME = "sha256=";

    private WebhookSignature() {
    }

    /** The header value for a body sent at {@code epochSeconds}. */
    public static String sign(String secret, long epochSeconds, String body) {
        return SCHEME + hmacSha256Hex(secret.getBytes(StandardCharsets.UTF_8),
                (epochSeconds + "." + body).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * What a receiver does: recompute, compare in constant time, and refuse timestamps further than
     * {@code tolerance} from its own clock.
     */
    public static boolean verify(String secret, String timestampHeader, String body, String signatureHeader,
            Instant now, Duration tolerance) {
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8));
    }

    public static String hmacSha256Hex(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(data));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every JDK ships HmacSHA256; a key is only invalid when empty, which callers rule out.
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
