package dev.afterhours.notifier.report;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Urgency;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The {@code afterhours_report_*} series: what the reports compute, as it happens, with bounded labels. A client has
 * a label value of its own only while it is among the configured top clients (the most after-hours messages, then
 * pages, over a window; re-ranked every minute); every other client is {@code client="other"}. No label carries
 * anything per message. Only facts that happen while this instance runs are counted: the replay of the topics at
 * start rebuilds the reports, not the counters, so a restart does not show as a burst in {@code rate()}.
 */
public final class ReportMetrics implements ReportListener {

    public static final String OTHER = "other";
    private static final Duration RERANK = Duration.ofMinutes(1);

    private final MeterRegistry registry;
    private final ReportProperties properties;
    private final Clock clock;
    private final Instant startedAt;
    private volatile @Nullable ReportStore store;
    private volatile Set<String> top = Set.of();
    private volatile Instant rankedAt = Instant.MIN;

    public ReportMetrics(MeterRegistry registry, ReportProperties properties, Clock clock) {
        this.registry = registry;
        this.properties = properties;
        this.clock = clock;
        // events carry milliseconds (Avro timestamp-millis)
        this.startedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Registers the gauges read from the store, and ranks the top clients from it. */
    public void bind(ReportStore reports, BooleanSupplier complete) {
        this.store = reports;
        for (Urgency urgency : Urgency.values()) {
            Gauge.builder("afterhours.report.sla.open", reports, s -> s.openSlas().get(urgency))
                    .description("SLAs open now (neither met nor breached), rebuilt from the topics at start")
                    .tag("urgency", urgency.name()).register(registry);
        }
        Gauge.builder("afterhours.report.complete", complete, c -> c.getAsBoolean() ? 1 : 0)
                .description("1 once the reports have read every topic up to date, 0 while rebuilding")
                .register(registry);
    }

    @Override
    public void messageArrived(String clientId, AfterHoursStatus status, Instant at) {
        if (counts(at)) {
            // Every status and the client's false 911s exist at zero from its first message: the burden dashboard
            // shows a client with no after-hours message as 0, not as missing.
            for (AfterHoursStatus each : AfterHoursStatus.values()) {
                messages(clientId, each);
            }
            messages(clientId, status).increment();
            falseEmergencies(clientId);
        }
    }

    @Override
    public void slaClosed(String clientId, Urgency urgency, String channel, boolean met, @Nullable Duration wall,
            @Nullable Duration business, Instant at) {
        if (!counts(at)) {
            return;
        }
        slaOutcomes(clientId, urgency, channel, met).increment();
        slaOutcomes(clientId, urgency, channel, !met); // the other outcome at zero: "breaches" charts as 0, not missing
        if (wall != null) {
            firstResponse(urgency, "wall").record(wall);
        }
        if (business != null) {
            firstResponse(urgency, "business").record(business);
        }
    }

    @Override
    public void falseEmergency(String clientId, Instant at) {
        if (counts(at)) {
            falseEmergencies(clientId).increment();
        }
    }

    private Counter messages(String clientId, AfterHoursStatus status) {
        return Counter.builder("afterhours.report.messages").description("Inbound messages, by after-hours status")
                .tag("client", client(clientId)).tag("after_hours_status", status.name()).register(registry);
    }

    private Counter slaOutcomes(String clientId, Urgency urgency, String channel, boolean met) {
        return Counter.builder("afterhours.report.sla.outcomes").description("SLAs closed, met or breached")
                .tag("urgency", urgency.name()).tag("channel", channel).tag("outcome", met ? "met" : "breached")
                .tag("client", client(clientId)).register(registry);
    }

    private Counter falseEmergencies(String clientId) {
        return Counter.builder("afterhours.report.false.emergencies")
                .description("EMERGENCY messages corrected down by staff (false 911s)")
                .tag("client", client(clientId)).register(registry);
    }

    @Override
    public void paged(String staffId, String urgency, Instant at) {
        if (counts(at)) {
            Counter.builder("afterhours.report.pages").description("People paged: one per person per step of an incident")
                    .tag("staff", staffId).tag("urgency", urgency).register(registry).increment();
            quietHoursWakeups(staffId, urgency); // at zero from a person's first page: the wellbeing dashboard shows 0
        }
    }

    @Override
    public void wokeInQuietHours(String staffId, String urgency, Instant at) {
        if (counts(at)) {
            quietHoursWakeups(staffId, urgency).increment();
        }
    }

    private Counter quietHoursWakeups(String staffId, String urgency) {
        return Counter.builder("afterhours.report.quiet.hours.wakeups")
                .description("Pages that reached a person in their quiet hours on a channel that wakes (not email)")
                .tag("staff", staffId).tag("urgency", urgency).register(registry);
    }

    private Timer firstResponse(Urgency urgency, String clock) {
        return Timer.builder("afterhours.report.first.response")
                .description("Time to first response of met SLAs, on the wall clock or in the client's business hours")
                .tag("urgency", urgency.name()).tag("clock", clock)
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofSeconds(30))
                .maximumExpectedValue(Duration.ofDays(14)).register(registry);
    }

    private boolean counts(Instant at) {
        return !at.isBefore(startedAt);
    }

    /** The client's own label value if among the top clients, else "other". */
    String client(String clientId) {
        ReportStore reports = store;
        Instant now = clock.instant();
        if (reports != null && rankedAt.plus(RERANK).isBefore(now)) {
            rankedAt = now;
            List<String> ranked = reports.topClients(now.minus(properties.topClientsWindow()), properties.topClients());
            top = Set.copyOf(ranked);
        }
        return top.contains(clientId) ? clientId : OTHER;
    }
}
