package dev.afterhours.ingest.webform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** {@code afterhours_ingest_webform_posts_total{outcome}}: every form post, by what became of it. */
public final class WebFormMetrics {

    public static final String POSTS = "afterhours.ingest.webform.posts";

    public enum Outcome {
        /** A message was published. */
        ACCEPTED,
        /** The same form page sent again; nothing published now. */
        DUPLICATE,
        /** The hidden field was filled (a bot): answered like a success, nothing published. */
        HONEYPOT,
        /** A field missing or wrong (400). */
        INVALID,
        /** The form token was made up, or from another form (403). */
        FORGED,
        /** Sent back sooner than the minimum fill time (400). */
        TOO_FAST,
        /** Sent back after the token's time to live (400). */
        EXPIRED,
        /** Too many posts from the address (429). */
        RATE_LIMITED,
        /** Routine while the pipeline is behind (429). */
        THROTTLED,
        /** Could not be written, or still loading (503). */
        FAILED
    }

    private final MeterRegistry registry;

    public WebFormMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            counter(outcome);
        }
    }

    public void post(Outcome outcome) {
        counter(outcome).increment();
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder(POSTS)
                .description("Web form posts by what became of them")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
