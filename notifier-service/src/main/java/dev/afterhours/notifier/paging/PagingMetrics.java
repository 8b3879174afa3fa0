package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationChannel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code afterhours.notifier.notifications} (channel, outcome, reason) and {@code afterhours.notifier.page.latency}
 * (channel, reason): from when the page was requested to when it was delivered.
 */
public final class PagingMetrics {

    public enum Outcome {
        DELIVERED, FAILED, SUPPRESSED_DUPLICATE, SUPPRESSED_QUIET_HOURS, SUPPRESSED_STALE,
        /** An attempt whose outcome was never recorded: maybe sent, not sent again. */
        UNKNOWN;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;

    public PagingMetrics(MeterRegistry registry) {
        this.registry = registry;
        // Outcomes that alerts and dashboards watch exist at zero from the start: "failed pages" or "held back for
        // quiet hours" chart as 0 rather than "no data" until the first one.
        for (NotificationChannel channel : NotificationChannel.values()) {
            for (EscalationReason reason : EscalationReason.values()) {
                counter(channel.name(), Outcome.FAILED, reason);
                counter(channel.name(), Outcome.SUPPRESSED_QUIET_HOURS, reason);
            }
        }
    }

    public void count(NotificationChannel channel, Outcome outcome, EscalationReason reason) {
        counter(channel.name(), outcome, reason).increment();
    }

    /** A page not attempted at all (stale), counted once, on no particular channel. */
    public void countStale(EscalationReason reason) {
        counter("none", Outcome.SUPPRESSED_STALE, reason).increment();
    }

    private Counter counter(String channel, Outcome outcome, EscalationReason reason) {
        return Counter.builder("afterhours.notifier.notifications")
                .description("Page deliveries by channel, outcome and reason")
                .tag("channel", channel.toLowerCase(Locale.ROOT))
                .tag("outcome", outcome.tag())
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    /**
     * A page delivered to this person: {@code afterhours_incident_pages_total{staff}}, the after-hours load per
     * responder. Staff are a small, bounded set, so one series each is fine; clients are never a tag.
     */
    public void pageReceived(String staffId) {
        Counter.builder("afterhours.incident.pages")
                .description("Pages delivered, per person paged")
                .tag("staff", staffId)
                .register(registry)
                .increment();
    }

    public void latency(NotificationChannel channel, EscalationReason reason, Duration requestedToDelivered) {
        Timer.builder("afterhours.notifier.page.latency")
                .description("From the page being requested to its delivery")
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .register(registry)
                .record(requestedToDelivered.isNegative() ? Duration.ZERO : requestedToDelivered);
    }
}
