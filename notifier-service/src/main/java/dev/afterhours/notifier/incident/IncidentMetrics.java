package dev.afterhours.notifier.incident;

import dev.afterhours.notifier.ledger.NotificationLedger;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;

/**
 * The page history as Prometheus sees it: {@code afterhours_incident_time_to_acknowledge_seconds} and
 * {@code afterhours_incident_time_to_resolve_seconds}, histograms tagged {@code level} (the step the escalation had
 * reached) and {@code urgency}. Both tags are small closed sets; the client and the incident are never tags (that
 * is what the incidents API is for). Recorded by the instance that records the acknowledgement or the resolution,
 * once per incident, so the sum over instances counts each incident once and a restart replays nothing.
 */
public final class IncidentMetrics {

    private final MeterRegistry registry;
    private final NotificationLedger ledger;

    public IncidentMetrics(MeterRegistry registry, NotificationLedger ledger) {
        this.registry = registry;
        this.ledger = ledger;
    }

    /** The first acknowledgement of this escalation was just recorded. */
    public void acknowledged(String escalationId) {
        Incident.of(ledger.escalationEvents(escalationId)).ifPresent(incident ->
                incident.timeToAcknowledge().ifPresent(d -> record("afterhours.incident.time.to.acknowledge",
                        "From an incident's first page to its first acknowledgement", incident, d)));
    }

    /** This incident was just resolved (and acknowledged by it, if nobody had). */
    public void resolved(Incident incident) {
        if (incident.acknowledged() != null && incident.acknowledged().implicit()) {
            incident.timeToAcknowledge().ifPresent(d -> record("afterhours.incident.time.to.acknowledge",
                    "From an incident's first page to its first acknowledgement", incident, d));
        }
        incident.timeToResolve().ifPresent(d -> record("afterhours.incident.time.to.resolve",
                "From an incident's first page to its resolution", incident, d));
    }

    private void record(String name, String description, Incident incident, Duration duration) {
        Timer.builder(name)
                .description(description)
                .tag("level", Integer.toString(incident.levelReached()))
                .tag("urgency", incident.urgency() == null ? "unknown" : incident.urgency().name().toLowerCase(Locale.ROOT))
                .publishPercentileHistogram()
                .register(registry)
                .record(duration);
    }
}
