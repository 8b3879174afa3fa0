package dev.afterhours.notifier.acknowledgement;

import dev.afterhours.contracts.AutoReplyKind;
import dev.afterhours.contracts.Channel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;

/**
 * {@code afterhours.notifier.acknowledgements} (Prometheus {@code afterhours_notifier_acknowledgements_total}) and
 * {@code afterhours.notifier.sla.updates} (the updates sent when an SLA was breached, {@code
 * afterhours_notifier_sla_updates_total}), each by channel and outcome.
 */
public final class AcknowledgementMetrics {

    /** What became of one request as this instance read it. */
    public enum Outcome {
        SENT("sent"), FAILED("failed"), OPTED_OUT("opted-out"), UNSUPPORTED_CHANNEL("unsupported-channel"),
        /** The expected answer time had passed when the request was read. */
        STALE("stale"),
        /** Already handled (a redelivery, a replay): nothing done. */
        DUPLICATE("duplicate"),
        /** Attempted earlier, outcome never recorded: maybe sent, so not sent again. */
        UNKNOWN("unknown");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        public String tag() {
            return tag;
        }
    }

    private final MeterRegistry registry;

    /** Registers every channel and outcome at zero, so a rate or an alert sees a series before its first event. */
    public AcknowledgementMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (AutoReplyKind kind : AutoReplyKind.values()) {
            for (Channel channel : Channel.values()) {
                for (Outcome outcome : Outcome.values()) {
                    counter(kind, channel, outcome);
                }
            }
        }
    }

    public void count(AutoReplyKind kind, Channel channel, Outcome outcome) {
        counter(kind, channel, outcome).increment();
    }

    private Counter counter(AutoReplyKind kind, Channel channel, Outcome outcome) {
        boolean update = kind == AutoReplyKind.SLA_UPDATE;
        return Counter.builder(update ? "afterhours.notifier.sla.updates" : "afterhours.notifier.acknowledgements")
                .description(update ? "Updates to clients whose SLA was breached, by channel and outcome"
                        : "Acknowledgements to clients by channel and outcome")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.tag())
                .register(registry);
    }
}
