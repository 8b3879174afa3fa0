package dev.afterhours.security.slack;

import com.slack.api.app_backend.SlackSignature;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Checks a request from Slack with Slack's own {@link SlackSignature.Verifier}: {@code X-Slack-Signature} must be
 * {@code v0=} + HMAC-SHA256, keyed with the app's signing secret, of {@code v0:<X-Slack-Request-Timestamp>:<raw body>},
 * and the timestamp within five minutes of now (Slack's replay window, {@link #REPLAY_WINDOW}), "now" from the
 * injected clock. The verifier lets any future timestamp pass; one more than the window ahead is refused here too,
 * so a signature cannot be made to last beyond it. Ingest's Events API and the notifier's Acknowledge button both
 * check Slack's requests here.
 */
public final class SlackSignatures {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";

    /** Slack's: {@code SlackSignature.TimestampVerifier.TIMESTAMP_EXPIRATION_TIME_IN_MILLIS}. */
    public static final Duration REPLAY_WINDOW = Duration.ofMillis(
            SlackSignature.TimestampVerifier.TIMESTAMP_EXPIRATION_TIME_IN_MILLIS);

    public enum Verdict {
        /** Signed with the secret, within the window. */
        VALID("signed by Slack"),
        /** No signature or no timestamp header. */
        UNSIGNED(SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER + " are required"),
        /** Signed, maybe, but outside the replay window (or the timestamp is not a number). */
        STALE(TIMESTAMP_HEADER + " is not within " + REPLAY_WINDOW.toMinutes()
                + " minutes of now: a replayed or delayed request, or a clock far off"),
        /** The signature does not match the secret, the timestamp and the body. */
        FORGED(SIGNATURE_HEADER + " does not match this body and timestamp under the app's signing secret"),
        /** No signing secret configured: nothing can be verified. */
        NOT_CONFIGURED("no Slack signing secret is configured, so no request can be verified");

        private final String why;

        Verdict(String why) {
            this.why = why;
        }

        /** For the log and the problem detail; says nothing a forger could use. */
        public String why() {
            return why;
        }
    }

    private final SlackSignature.@Nullable Verifier verifier;
    private final Clock clock;

    /** @param signingSecret null: nothing verifies */
    public SlackSignatures(@Nullable String signingSecret, Clock clock) {
        this.verifier = signingSecret == null ? null
                : new SlackSignature.Verifier(new SlackSignature.Generator(signingSecret));
        this.clock = clock;
    }

    public boolean configured() {
        return verifier != null;
    }

    /** The {@code X-Slack-Signature} Slack sends for {@code body} at {@code epochSeconds} (Slack's own generator). */
    public static String sign(String signingSecret, long epochSeconds, String body) {
        return new SlackSignature.Generator(signingSecret).generate(Long.toString(epochSeconds), body);
    }

    /** The same for a body of raw bytes (UTF-8). */
    public static String sign(String signingSecret, long epochSeconds, byte[] body) {
        return sign(signingSecret, epochSeconds, new String(body, StandardCharsets.UTF_8));
    }

    /** {@link #verify(String, String, String)} for a body of raw bytes, as read from the request (UTF-8). */
    public Verdict verify(@Nullable String timestamp, byte[] body, @Nullable String signature) {
        return verify(timestamp, new String(body, StandardCharsets.UTF_8), signature);
    }

    /**
     * @param timestamp {@code X-Slack-Request-Timestamp} (seconds since the epoch), or null if absent
     * @param body      the raw request body, exactly as received (UTF-8)
     * @param signature {@code X-Slack-Signature}, or null if absent
     */
    public Verdict verify(@Nullable String timestamp, String body, @Nullable String signature) {
        SlackSignature.Verifier slack = verifier;
        if (slack == null) {
            return Verdict.NOT_CONFIGURED;
        }
        if (timestamp == null || timestamp.isBlank() || signature == null || signature.isBlank()) {
            return Verdict.UNSIGNED;
        }
        long now = clock.millis();
        long signedAt;
        try {
            signedAt = Math.multiplyExact(Long.parseLong(timestamp.strip()), 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            return Verdict.STALE;
        }
        if (Math.abs(now - signedAt) >= REPLAY_WINDOW.toMillis()) {
            return Verdict.STALE;
        }
        return slack.isValid(timestamp.strip(), body, signature.strip(), now) ? Verdict.VALID : Verdict.FORGED;
    }
}
