package dev.afterhours.notifier.channelack;

import dev.afterhours.notifier.delivery.WebhookSignature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Slack's request signature (version {@code v0}): {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of
 * "v0:<X-Slack-Request-Timestamp>:<raw body>">}, keyed with the app's signing secret, and a timestamp within five
 * minutes of now, Slack's own window, so a captured request cannot be replayed later. Written here because Slack's
 * Java SDK ({@code com.slack.api:slack-app-backend}, whose {@code SlackSignature.Verifier} does the same) is not
 * available from the registry this build uses; {@code SlackSignaturesTest} checks it against the example in Slack's
 * documentation. Signatures are compared in constant time.
 */
public final class SlackSignatures {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final String VERSION = "v0";

    /** What checking a request came to. */
    public sealed interface Verdict {
    }

    public record Valid(long timestamp) implements Verdict {
    }

    /** @param why for the log and the problem detail; says nothing a forger could use */
    public record Refused(String why) implements Verdict {
    }

    private final byte @Nullable [] secret;
    private final Clock clock;

    /** @param signingSecret null: nothing verifies, every request is refused */
    public SlackSignatures(@Nullable String signingSecret, Clock clock) {
        this.secret = signingSecret == null ? null : signingSecret.getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    public boolean configured() {
        return secret != null;
    }

    /** The header value Slack sends for {@code body} at {@code epochSeconds}. */
    public static String sign(String signingSecret, long epochSeconds, byte[] body) {
        return sign(signingSecret.getBytes(StandardCharsets.UTF_8), epochSeconds, body);
    }

    private static String sign(byte[] key, long epochSeconds, byte[] body) {
        byte[] prefix = (VERSION + ":" + epochSeconds + ":").getBytes(StandardCharsets.UTF_8);
        byte[] base = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, base, 0, prefix.length);
        System.arraycopy(body, 0, base, prefix.length, body.length);
        return VERSION + "=" + WebhookSignature.hmacSha256Hex(key, base);
    }

    /** @param body the raw request body, exactly as received */
    public Verdict verify(@Nullable String timestampHeader, byte[] body, @Nullable String signatureHeader) {
        byte[] key = secret;
        if (key == null) {
            return new Refused("Slack interactions are not configured: afterhours.notifier.slack.signing-secret is not set");
        }
        if (timestampHeader == null || signatureHeader == null || signatureHeader.isBlank()) {
            return new Refused(TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER + " are required");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return new Refused(TIMESTAMP_HEADER + " is not a number of seconds");
        }
        if (Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs().compareTo(WINDOW) > 0) {
            return new Refused("the request is older than " + WINDOW.toMinutes() + " minutes (or from the future): "
                    + "a replay, or a clock far off");
        }
        byte[] expected = sign(key, timestamp, body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.UTF_8))) {
            return new Refused(SIGNATURE_HEADER + " does not match this body under the app's signing secret");
        }
        return new Valid(timestamp);
    }
}
