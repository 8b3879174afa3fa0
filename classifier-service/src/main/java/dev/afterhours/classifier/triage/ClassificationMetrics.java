package dev.afterhours.classifier.triage;

import dev.afterhours.classifier.ClientLabels;
import dev.afterhours.contracts.MessageClassified;
import dev.afterhours.contracts.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code afterhours.classifier.messages}: classified messages by urgency, channel, after-hours status, auto-reply;
 * {@code afterhours.classifier.emergencies}: EMERGENCY verdicts per client (the first clients by name, then "other":
 * {@link ClientLabels}).
 */
public final class ClassificationMetrics {

    public static final String MESSAGES = "afterhours.classifier.messages";
    public static final String DEAD_LETTERS = "afterhours.classifier.dead.letters";
    /** Per client, the denominator of a client's rate of false 911s (corrections lowered from EMERGENCY). */
    public static final String EMERGENCIES = "afterhours.classifier.emergencies";

    private final MeterRegistry registry;
    private final ClientLabels clients;

    public ClassificationMetrics(MeterRegistry registry) {
        this(registry, new ClientLabels(ClientLabels.DEFAULT_LIMIT));
    }

    public ClassificationMetrics(MeterRegistry registry, ClientLabels clients) {
        this.registry = registry;
        this.clients = clients;
    }

    public void classified(MessageClassified classified) {
        Counter.builder(MESSAGES)
                .description("Messages classified and published")
                .tag("urgency", classified.getUrgency().name())
                .tag("channel", classified.getMessage().getChannel().name())
                .tag("after_hours", classified.getAfterHoursStatus().name())
                .tag("auto_reply", String.valueOf(classified.getAutoReply()))
                .register(registry)
                .increment();
        if (classified.getUrgency() == Urgency.EMERGENCY) {
            Counter.builder(EMERGENCIES)
                    .description("Messages classified EMERGENCY, per client")
                    .tag("client", clients.of(classified.getClientId()))
                    .register(registry)
                    .increment();
        }
    }

    /** Emergencies the fast lane escalated ahead of the pipeline. */
    public void fastLaneEscalations(int count) {
        Counter.builder("afterhours.classifier.fast.lane.escalations")
                .description("Emergencies paged by the fast lane ahead of the transactional pipeline")
                .register(registry)
                .increment(count);
    }

    /** @param reason a small closed set: deserialization, unprocessable, processing */
    public void deadLettered(String reason) {
        Counter.builder(DEAD_LETTERS)
                .description("Received records parked on the dead-letter topic")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
