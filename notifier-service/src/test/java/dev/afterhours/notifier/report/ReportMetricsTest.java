package dev.afterhours.notifier.report;

import static dev.afterhours.notifier.report.ReportEvents.classified;
import static dev.afterhours.notifier.report.ReportEvents.met;
import static dev.afterhours.notifier.report.ReportEvents.started;
import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.AfterHoursStatus;
import dev.afterhours.contracts.Channel;
import dev.afterhours.contracts.Urgency;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The afterhours_report_* series: only the top clients by name, nothing of the replayed past, no per-message label. */
class ReportMetricsTest {

    final Clock clock = Clock.offset(Clock.systemUTC(), Duration.ZERO);
    final Instant start = clock.instant();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final ReportProperties properties = new ReportProperties(1, Duration.ofDays(30), Duration.ofDays(400),
            Duration.ofDays(7), Duration.ofDays(366));
    final ReportMetrics metrics = new ReportMetrics(registry, properties, Clock.fixed(start, ZoneOffset.UTC));
    final ReportEvents.Directory directory = new ReportEvents.Directory()
            .add(ReportEvents.client("busy", "UTC")).add(ReportEvents.client("calm", "UTC"));
    final ReportStore store = new ReportStore(directory, Duration.ofDays(400), Clock.fixed(start, ZoneOffset.UTC), metrics);

    @Test
    void onlyTheTopClientsHaveTheirOwnLabelAndThePastIsNotCountedAgain() {
        metrics.bind(store, () -> true);
        // read at start from the topics: rebuilds the reports, counts nothing
        store.apply(classified("old", "calm", Channel.SMS, Urgency.LOW, AfterHoursStatus.AFTER_HOURS, start.minusSeconds(60)));
        assertThat(registry.find("afterhours.report.messages").counters()).isEmpty();

        store.apply(classified("b1", "busy", Channel.SMS, Urgency.HIGH, AfterHoursStatus.AFTER_HOURS, start));
        store.apply(classified("b2", "busy", Channel.SMS, Urgency.HIGH, AfterHoursStatus.AFTER_HOURS, start));
        store.apply(classified("c1", "calm", Channel.SMS, Urgency.HIGH, AfterHoursStatus.WEEKEND, start));
        store.apply(started("b1", "busy", Urgency.HIGH, start));
        store.apply(met("b1", "busy", Urgency.HIGH, start.plusSeconds(90)));

        // top-clients is 1: the busiest (2 after-hours messages) has its name, the other is "other"
        assertThat(registry.get("afterhours.report.messages").tag("client", "busy").tag("after_hours_status", "AFTER_HOURS")
                .counter().count()).isEqualTo(2);
        assertThat(registry.get("afterhours.report.messages").tag("client", "other").tag("after_hours_status", "WEEKEND")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("afterhours.report.sla.outcomes").tags("urgency", "HIGH", "channel", "SMS", "outcome", "met",
                "client", "busy").counter().count()).isEqualTo(1);
        // what panels watch exists at zero: the other outcome, the other statuses, the client's false 911s
        assertThat(registry.get("afterhours.report.sla.outcomes").tags("urgency", "HIGH", "channel", "SMS", "outcome",
                "breached", "client", "busy").counter().count()).isZero();
        assertThat(registry.get("afterhours.report.messages").tag("client", "busy").tag("after_hours_status", "HOLIDAY")
                .counter().count()).isZero();
        assertThat(registry.get("afterhours.report.false.emergencies").tag("client", "busy").counter().count()).isZero();
        assertThat(registry.get("afterhours.report.first.response").tags("urgency", "HIGH", "clock", "wall").timer()
                .totalTime(java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(registry.get("afterhours.report.sla.open").tag("urgency", "HIGH").gauge().value()).isZero();
        assertThat(registry.get("afterhours.report.complete").gauge().value()).isEqualTo(1);
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTags()).noneMatch(t -> t.getKey().contains("message") || t.getValue().equals("b1"));
        }
    }
}
