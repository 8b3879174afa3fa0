package dev.afterhours.notifier.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.NotificationResolved;
import dev.afterhours.contracts.Urgency;
import dev.afterhours.notifier.ledger.NotificationLedger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The story of one escalation told from its events, in any order; no clock runs here, so a fixed instant is fine. */
class IncidentTest {

    // fixed instant: nothing here runs a timer; only the differences between event times matter
    private static final Instant T0 = Instant.parse("2026-03-08T07:00:00Z");
    private static final String ESC = "esc-1";

    private static NotificationEvent event(String eventId, String notificationId, Instant at, Object payload) {
        return NotificationEvent.newBuilder().setEventId(eventId).setNotificationId(notificationId).setEscalationId(ESC)
                .setClientId("acme-shop").setOccurredAt(at).setPayload(payload).build();
    }

    private static List<NotificationEvent> climbedAndAcknowledgedAtLevel2() {
        List<NotificationEvent> events = new ArrayList<>();
        events.add(event("e1", "n1", T0, new NotificationAttempted("alice", NotificationChannel.WEBHOOK, "https://h", 1,
                EscalationReason.EMERGENCY, "checkout down", Urgency.EMERGENCY)));
        events.add(event("e2", "n1", T0.plusSeconds(1), new NotificationDelivered("alice", NotificationChannel.WEBHOOK,
                "https://h", 1, EscalationReason.EMERGENCY, "checkout down")));
        events.add(event("e3", "n2", T0.plusSeconds(1), new NotificationAttempted("alice", NotificationChannel.EMAIL, "a@x", 1,
                EscalationReason.EMERGENCY, "checkout down", Urgency.EMERGENCY)));
        events.add(event("e4", "n2", T0.plusSeconds(2), NotificationFailed.newBuilder().setStaffId("alice")
                .setChannel(NotificationChannel.EMAIL).setDestination("a@x").setError("550").build()));
        events.add(event("e5", "n3", T0.plusSeconds(300), new NotificationAttempted("bob", NotificationChannel.WEBHOOK, "https://b", 2,
                EscalationReason.EMERGENCY, "checkout down", Urgency.EMERGENCY)));
        events.add(event("e6", "n3", T0.plusSeconds(301), new NotificationDelivered("bob", NotificationChannel.WEBHOOK,
                "https://b", 2, EscalationReason.EMERGENCY, "checkout down")));
        events.add(event("e7", "s1", T0.plusSeconds(301), new NotificationEscalated(1, 2, "level 1 not acknowledged")));
        events.add(event("e8", "n3", T0.plusSeconds(420), new NotificationAcknowledged("bob", "on it")));
        events.add(event("e9", "n1", T0.plusSeconds(500), new NotificationAcknowledged("alice", "me too")));
        return events;
    }

    @Test
    void tellsWhoWasPagedOnWhichChannelWhoAcknowledgedFirstAndHowLongItTook() {
        List<NotificationEvent> events = climbedAndAcknowledgedAtLevel2();
        Incident incident = Incident.of(events.reversed()).orElseThrow();

        assertThat(incident.openedAt()).isEqualTo(T0);
        assertThat(incident.urgency()).isEqualTo(Urgency.EMERGENCY);
        assertThat(incident.summary()).isEqualTo("checkout down");
        assertThat(incident.levelReached()).isEqualTo(2);
        assertThat(incident.pages()).extracting(p -> p.staffId() + "/" + p.channel() + "/" + p.level() + "/" + p.outcome())
                .containsExactly("alice/WEBHOOK/1/DELIVERED", "alice/EMAIL/1/FAILED", "bob/WEBHOOK/2/DELIVERED");
        assertThat(incident.pages().get(2).at()).isEqualTo(T0.plusSeconds(300));
        assertThat(incident.steps()).singleElement().satisfies(s -> assertThat(s.toLevel()).isEqualTo(2));
        assertThat(incident.acknowledged()).isNotNull();
        assertThat(incident.acknowledged().staffId()).isEqualTo("bob");
        assertThat(incident.timeToAcknowledge()).contains(Duration.ofSeconds(420));
        assertThat(incident.timeToResolve()).isEmpty();
        assertThat(incident.status()).isEqualTo(Incident.Status.ACKNOWLEDGED);
    }

    @Test
    void aResolutionNobodyAcknowledgedBeforeIsTheAcknowledgement() {
        List<NotificationEvent> events = new ArrayList<>(climbedAndAcknowledgedAtLevel2().subList(0, 7));
        events.add(event("r1", ESC, T0.plusSeconds(900), NotificationResolved.newBuilder().setStaffId("bob")
                .setNote("restarted the payment worker").setNoteId("note-1").setAcknowledgedImplicitly(true).build()));
        Incident incident = Incident.of(events).orElseThrow();

        assertThat(incident.status()).isEqualTo(Incident.Status.RESOLVED);
        assertThat(incident.acknowledged()).isNotNull();
        assertThat(incident.acknowledged().implicit()).isTrue();
        assertThat(incident.timeToAcknowledge()).contains(Duration.ofSeconds(900));
        assertThat(incident.timeToResolve()).contains(Duration.ofSeconds(900));
        assertThat(incident.resolved().note()).isEqualTo("restarted the payment worker");
    }

    @Test
    void theLedgerStopsAResolvedEscalationAndTheMetricsCarryOnlyLevelAndUrgency() {
        NotificationLedger ledger = new NotificationLedger(50);
        List<NotificationEvent> events = new ArrayList<>(climbedAndAcknowledgedAtLevel2().subList(0, 7));
        events.forEach(ledger::apply);
        assertThat(ledger.unacknowledged()).hasSize(1);
        NotificationEvent resolved = event("r1", ESC, T0.plusSeconds(900), NotificationResolved.newBuilder()
                .setStaffId("bob").setNote("done").setAcknowledgedImplicitly(true).build());
        ledger.apply(resolved);
        ledger.apply(resolved);
        assertThat(ledger.unacknowledged()).as("a resolution stops the escalation like an ack").isEmpty();
        assertThat(ledger.resolution(ESC)).hasValueSatisfying(r -> assertThat(r.staffId()).isEqualTo("bob"));
        assertThat(ledger.escalationEvents(ESC)).hasSize(8);
        assertThat(ledger.escalations("acme-shop")).containsOnlyKeys(ESC);
        assertThat(ledger.escalations("other")).isEmpty();

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new IncidentMetrics(registry, ledger).resolved(Incident.of(ledger.escalationEvents(ESC)).orElseThrow());
        var resolve = registry.get("afterhours.incident.time.to.resolve").timer();
        assertThat(resolve.count()).isEqualTo(1);
        assertThat(resolve.getId().getTags()).extracting(t -> t.getKey() + "=" + t.getValue())
                .containsExactlyInAnyOrder("level=2", "urgency=emergency");
        assertThat(registry.get("afterhours.incident.time.to.acknowledge").timer().count()).isEqualTo(1);

        ledger.forgetBefore(T0.plusSeconds(1000));
        assertThat(ledger.escalationEvents(ESC)).isEmpty();
        assertThat(ledger.resolution(ESC)).isEmpty();
    }
}
