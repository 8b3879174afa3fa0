package dev.afterhours.notifier.reply;

import dev.afterhours.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/** {@code afterhours.notifier.replies} (Prometheus {@code afterhours_notifier_replies_total}) by channel and outcome. */
public final class ReplyMetrics {

    /** What became of one reply request as this instance read it. */
    public enum Outcome {
        SENT("sent"), FAILED("failed"), UNSUPPORTED_CHANNEL("unsupported-channel"),
        /** Already handled (a redelivery, a replay): nothing done. */
        DUPLICATE("duplicate"),
        /** Attempted earlier, outcome never recorded: maybe sent, so not sent again. */
        UNKNOWN("unknown");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;

    /** Registers every channel and outcome at zero, so a rate or an alert sees a series before its first event. */
    public ReplyMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Channel channel : Channel.values()) {
            for (Outcome outcome : Outcome.values()) {
                counter(channel, outcome);
            }
        }
    }

    public void count(Channel channel, Outcome outcome) {
        counter(channel, outcome).increment();
    }

    private Counter counter(Channel channel, Outcome outcome) {
        return Counter.builder("afterhours.notifier.replies")
                .description("Staff replies to clients by channel and outcome")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.tag)
                .register(registry);
    }
}
