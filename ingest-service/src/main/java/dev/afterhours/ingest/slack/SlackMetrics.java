package dev.afterhours.ingest.slack;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** {@code afterhours_ingest_slack_events_total{outcome,retry}}: every request to the Events API endpoint. */
public final class SlackMetrics {

    public static final String EVENTS = "afterhours.ingest.slack.events";

    public enum Outcome {
        /** A message was published. */
        ACCEPTED,
        /** Slack sent it again (a retry, or the same message in another event); nothing published now. */
        DUPLICATE,
        /** Acknowledged (200), nothing to publish: a bot's message, an edit or delete, a join, another event type. */
        IGNORED,
        /** The URL verification handshake, answered with its challenge. */
        VERIFIED_URL,
        /** Not signed, forged or stale (401), or not configured (404); nothing written. */
        UNAUTHORIZED,
        /** Signed, but not a payload this endpoint understands (400). */
        INVALID,
        /** Could not be written (503): Slack retries. */
        FAILED
    }

    private final MeterRegistry registry;

    public SlackMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            counter(outcome, false);
        }
    }

    public void event(Outcome outcome, boolean retry) {
        counter(outcome, retry).increment();
    }

    private Counter counter(Outcome outcome, boolean retry) {
        return Counter.builder(EVENTS)
                .description("Requests from Slack's Events API by what became of them; retry=true for Slack's retries "
                        + "(X-Slack-Retry-Num)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .tag("retry", Boolean.toString(retry))
                .register(registry);
    }
}
