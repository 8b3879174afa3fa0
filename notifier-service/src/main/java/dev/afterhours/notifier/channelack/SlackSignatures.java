package dev.afterhours.notifier.channelack;

import com.slack.api.app_backend.SlackSignature;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Slack's request signature (version {@code v0}): {@code X-Slack-Signature: v0=<hex HMAC-SHA256 of
 * "v0:<X-Slack-Request-Timestamp>:<raw body>">}, keyed with the app's signing secret, checked by Slack's own
 * {@link SlackSignature.Verifier} ({@code com.slack.api:slack-app-backend}), and a timestamp within five minutes of
 * now, Slack's window, so a captured request cannot be replayed later. Slack's verifier lets any future timestamp
 * pass; one more than the window ahead is refused here too. "Now" comes from the injected clock.
 */
public final class SlackSignatures {

    public static final String TIMESTAMP_HEADER = "X-Slack-Request-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Slack-Signature";
    /** Slack's: {@code SlackSignature.TimestampVerifier.TIMESTAMP_EXPIRATION_TIME_IN_MILLIS}. */
    public static final Duration WINDOW = Duration.ofMillis(SlackSignature.TimestampVerifier.TIMESTAMP_EXPIRATION_TIME_IN_MILLIS);

    /** What checking a request came to. */
    public sealed interface Verdict {
    }

    public record Valid(long timestamp) implements Verdict {
    }

    /** @param why for the log and the problem detail; says nothing a forger could use */
    public record Refused(String why) implements Verdict {
    }

    private final SlackSignature.@Nullable Verifier verifier;
    private final Clock clock;

    /** @param signingSecret null: nothing verifies, every request is refused */
    public SlackSignatures(@Nullable String signingSecret, Clock clock) {
        this.verifier = signingSecret == null ? null
                : new SlackSignature.Verifier(new SlackSignature.Generator(signingSecret));
        this.clock = clock;
    }

    public boolean configured() {
        return verifier != null;
    }

    /** The header value Slack sends for {@code body} at {@code epochSeconds} (Slack's own generator). */
    public static String sign(String signingSecret, long epochSeconds, byte[] body) {
        return new SlackSignature.Generator(signingSecret).generate(Long.toString(epochSeconds),
                new String(body, StandardCharsets.UTF_8));
    }

    /** @param body the raw request body, exactly as received */
    public Verdict verify(@Nullable String timestampHeader, byte[] body, @Nullable String signatureHeader) {
        SlackSignature.Verifier slack = verifier;
        if (slack == null) {
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
        if (Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs().compareTo(WINDOW) >= 0) {
            return new Refused("the request is older than " + WINDOW.toMinutes() + " minutes (or from the future): "
                    + "a replay, or a clock far off");
        }
        if (!slack.isValid(timestampHeader.trim(), new String(body, StandardCharsets.UTF_8), signatureHeader.trim(),
                clock.millis())) {
            return new Refused(SIGNATURE_HEADER + " does not match this body under the app's signing secret");
        }
        return new Valid(timestamp);
    }
}
