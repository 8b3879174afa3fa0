package dev.afterhours.classifier.triage;

import dev.afterhours.contracts.MessageClassified;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** {@code afterhours.classifier.messages}: classified messages by urgency, channel, after-hours status, auto-reply. */
public final class ClassificationMetrics {

    public static final String MESSAGES = "afterhours.classifier.messages";
    public static final String DEAD_LETTERS = "afterhours.classifier.dead.letters";

    private final MeterRegistry registry;

    public ClassificationMetrics(MeterRegistry registry) {
        this.registry = registry;
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
