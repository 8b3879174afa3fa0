package dev.afterhours.ingest.message;

import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Direction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code afterhours.ingest.messages} (channel, direction, outcome, resolved) and the publish latency timer
 * {@code afterhours.ingest.publish.latency} (outcome success|failure).
 */
public final class IngestMetrics {

    public static final String MESSAGES = "afterhours.ingest.messages";
    public static final String PUBLISH_LATENCY = "afterhours.ingest.publish.latency";

    /** What happened to a posted message. */
    public enum Outcome {
        /** Published (202). */
        ACCEPTED,
        /** A retry of a message already published (200); nothing published. */
        DUPLICATE,
        /** Invalid or too large (4xx). */
        REJECTED,
        /** Not written because Kafka, the registry or this instance was not ready (503); the caller should retry. */
        FAILED,
        /** A routine message not written because the pipeline is too far behind (429); the caller should retry. */
        THROTTLED
    }

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Outcomes that alerts and dashboards watch exist at zero from the start: a panel or a rate over them shows
        // 0, not "no data", before the first failure.
        for (Channel channel : Channel.values()) {
            for (Outcome rare : new Outcome[] {Outcome.FAILED, Outcome.THROTTLED}) {
                counter(channel, Direction.INBOUND, rare, true);
            }
        }
    }

    public void message(@Nullable Channel channel, @Nullable Direction direction, Outcome outcome, boolean resolved) {
        counter(channel, direction, outcome, resolved).increment();
    }

    private Counter counter(@Nullable Channel channel, @Nullable Direction direction, Outcome outcome, boolean resolved) {
        return Counter.builder(MESSAGES)
                .description("Messages posted to ingest, by what became of them")
                .tag("channel", channel == null ? "unknown" : channel.name())
                .tag("direction", direction == null ? "unknown" : direction.name())
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .tag("resolved", Boolean.toString(resolved))
                .register(registry);
    }

    public void publish(Duration latency, boolean success) {
        Timer.builder(PUBLISH_LATENCY)
                .description("Time from send to the broker's acknowledgement (acks=all) of a MessageReceived")
                .tag("outcome", success ? "success" : "failure")
                .publishPercentileHistogram()
                .register(registry)
                .record(latency);
    }
}
