package dev.afterhours.notifier.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationChannel;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.notifier.paging.NotificationIds;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class NotificationLedgerTest {

    private static final Instant T0 = Instant.parse("2026-01-14T03:00:00Z");

    private final NotificationLedger ledger = new NotificationLedger(10);

    private static NotificationEvent delivered(String escalationId, int level, String staffId, Instant at) {
        String id = NotificationIds.notificationId(escalationId, level, staffId, NotificationChannel.WEBHOOK);
        return new NotificationEvent(NotificationIds.eventId(id, "delivered"), id, escalationId, "acme-shop", at,
                new NotificationDelivered(staffId, NotificationChannel.WEBHOOK, "http://hook", level, EscalationReason.EMERGENCY, "checkout is broken"));
    }

    @Test
    void notificationIdsAreDeterministicPerEscalationLevelPersonAndChannel() {
        String id = NotificationIds.notificationId("esc-1", 1, "alice", NotificationChannel.WEBHOOK);
        assertThat(NotificationIds.notificationId("esc-1", 1, "alice", NotificationChannel.WEBHOOK)).isEqualTo(id);
        assertThat(NotificationIds.notificationId("esc-1", 1, "alice", NotificationChannel.EMAIL)).isNotEqualTo(id);
        assertThat(NotificationIds.notificationId("esc-1", 2, "alice", NotificationChannel.WEBHOOK)).isNotEqualTo(id);
        assertThat(NotificationIds.notificationId("esc-2", 1, "alice", NotificationChannel.WEBHOOK)).isNotEqualTo(id);
    }

    @Test
    void remembersDeliveriesOncePerEvent() {
        NotificationEvent event = delivered("esc-1", 1, "alice", T0);
        ledger.apply(event);
        ledger.apply(event);
        assertThat(ledger.isDelivered(event.getNotificationId())).isTrue();
        assertThat(ledger.isDelivered(NotificationIds.notificationId("esc-1", 1, "carol", NotificationChannel.WEBHOOK))).isFalse();
        assertThat(ledger.recent("acme-shop", 50)).hasSize(1);
    }

    @Test
    void tracksLevelsAndAcknowledgement() {
        ledger.apply(delivered("esc-1", 1, "alice", T0));
        assertThat(ledger.track("esc-1")).hasValueSatisfying(t -> {
            assertThat(t.level()).isEqualTo(1);
            assertThat(t.levelSince()).isEqualTo(T0);
            assertThat(t.acknowledged()).isFalse();
        });
        ledger.apply(new NotificationEvent("x-1", "x-1", "esc-1", "acme-shop", T0.plusSeconds(600), new NotificationEscalated(1, 2, "timeout")));
        assertThat(ledger.track("esc-1").orElseThrow().level()).isEqualTo(2);
        assertThat(ledger.track("esc-1").orElseThrow().levelSince()).isEqualTo(T0.plusSeconds(600));
        assertThat(ledger.unacknowledged()).hasSize(1);

        NotificationEvent first = delivered("esc-1", 1, "alice", T0);
        ledger.apply(new NotificationEvent("a-1", first.getNotificationId(), "esc-1", "acme-shop", T0.plusSeconds(700),
                new NotificationAcknowledged("alice", "on it")));
        assertThat(ledger.ack(first.getNotificationId())).hasValueSatisfying(a -> assertThat(a.note()).isEqualTo("on it"));
        assertThat(ledger.unacknowledged()).isEmpty();
    }

    @Test
    void aFailureAloneStartsTheLevelClock() {
        ledger.apply(new NotificationEvent("f-1", "n-9", "esc-9", "acme-shop", T0,
                new NotificationFailed("alice", NotificationChannel.WEBHOOK, "http://hook", "HTTP 500")));
        assertThat(ledger.track("esc-9")).hasValueSatisfying(t -> assertThat(t.level()).isEqualTo(1));
        assertThat(ledger.isDelivered("n-9")).isFalse();
    }

    @Test
    void historyIsNewestFirstAndForgettingBoundsMemory() {
        ledger.apply(delivered("esc-1", 1, "alice", T0));
        ledger.apply(delivered("esc-2", 1, "alice", T0.plusSeconds(60)));
        assertThat(ledger.recent(null, 50)).extracting(NotificationEvent::getEscalationId).containsExactly("esc-2", "esc-1");
        assertThat(ledger.recent("acme-shop", 1)).hasSize(1);
        ledger.forgetBefore(T0.plusSeconds(30));
        assertThat(ledger.recent(null, 50)).extracting(NotificationEvent::getEscalationId).containsExactly("esc-2");
        assertThat(ledger.isDelivered(delivered("esc-1", 1, "alice", T0).getNotificationId())).isFalse();
    }
}
