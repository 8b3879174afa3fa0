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
        String id = NotificationIds.dedupKey(escalationId, level, staffId, NotificationChannel.WEBHOOK);
        return new NotificationEvent(NotificationIds.eventId(id, "delivered"), id, escalationId, "acme-shop", at,
                new NotificationDelivered(staffId, NotificationChannel.WEBHOOK, "http://hook", level, EscalationReason.EMERGENCY, "checkout is broken"), null);
    }

    @Test
    void dedupKeysAreDeterministicPerEscalationLevelPersonAndChannel() {
        String id = NotificationIds.dedupKey("esc-1", 1, "alice", NotificationChannel.WEBHOOK);
        assertThat(NotificationIds.dedupKey("esc-1", 1, "alice", NotificationChannel.WEBHOOK)).isEqualTo(id);
        assertThat(NotificationIds.dedupKey("esc-1", 1, "alice", NotificationChannel.EMAIL)).isNotEqualTo(id);
        assertThat(NotificationIds.dedupKey("esc-1", 2, "alice", NotificationChannel.WEBHOOK)).isNotEqualTo(id);
        assertThat(NotificationIds.dedupKey("esc-2", 1, "alice", NotificationChannel.WEBHOOK)).isNotEqualTo(id);
    }

    @Test
    void remembersDeliveriesOncePerEvent() {
        NotificationEvent event = delivered("esc-1", 1, "alice", T0);
        ledger.apply(event);
        ledger.apply(event);
        assertThat(ledger.isDelivered(event.getNotificationId())).isTrue();
        assertThat(ledger.isDelivered(NotificationIds.dedupKey("esc-1", 1, "carol", NotificationChannel.WEBHOOK))).isFalse();
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
        ledger.apply(new NotificationEvent("x-1", "x-1", "esc-1", "acme-shop", T0.plusSeconds(600), new NotificationEscalated(1, 2, "timeout"), null));
        assertThat(ledger.track("esc-1").orElseThrow().level()).isEqualTo(2);
        assertThat(ledger.track("esc-1").orElseThrow().levelSince()).isEqualTo(T0.plusSeconds(600));
        assertThat(ledger.unacknowledged()).hasSize(1);

        NotificationEvent first = delivered("esc-1", 1, "alice", T0);
        ledger.apply(new NotificationEvent("a-1", first.getNotificationId(), "esc-1", "acme-shop", T0.plusSeconds(700),
                new NotificationAcknowledged("alice", "on it"), null));
        assertThat(ledger.ack(first.getNotificationId())).hasValueSatisfying(a -> assertThat(a.note()).isEqualTo("on it"));
        assertThat(ledger.unacknowledged()).isEmpty();
    }

    private static NotificationEvent of(String eventId, String notificationId, String key, Instant at, Object payload) {
        return NotificationEvent.newBuilder().setEventId(eventId).setNotificationId(notificationId).setEscalationId("esc-7")
                .setClientId("acme-shop").setOccurredAt(at).setPayload(payload).setDedupKey(key).build();
    }

    @Test
    void anAttemptWithoutOutcomeStaysOpenAndAnUnknownOutcomeIsNeverReopened() {
        String key = NotificationIds.dedupKey("esc-7", 1, "alice", NotificationChannel.WEBHOOK);
        String id = NotificationIds.newNotificationId();
        ledger.apply(of("t-1", id, key, T0, new dev.afterhours.contracts.NotificationAttempted("alice", NotificationChannel.WEBHOOK,
                "https://hook", 1, EscalationReason.EMERGENCY, "down", null)));
        assertThat(ledger.attempt(key)).hasValueSatisfying(a -> {
            assertThat(a.state()).isEqualTo(NotificationLedger.State.OPEN);
            assertThat(a.notificationId()).isEqualTo(id);
        });
        assertThat(ledger.isDelivered(key)).isFalse();
        assertThat(ledger.delivery(id)).as("an attempted page can be acknowledged").isPresent();

        ledger.apply(of("f-1", id, key, T0.plusSeconds(1), new NotificationFailed("alice", NotificationChannel.WEBHOOK,
                "https://hook", "outcome unknown", true)));
        assertThat(ledger.attempt(key).orElseThrow().state()).isEqualTo(NotificationLedger.State.UNKNOWN);
        ledger.apply(of("t-2", id, key, T0.plusSeconds(2), new dev.afterhours.contracts.NotificationAttempted("alice",
                NotificationChannel.WEBHOOK, "https://hook", 1, EscalationReason.EMERGENCY, "down", null)));
        assertThat(ledger.attempt(key).orElseThrow().state()).isEqualTo(NotificationLedger.State.UNKNOWN);
    }

    @Test
    void aDefiniteFailureCanBeRetriedUnderTheSameIdAndDeliveryWins() {
        String key = NotificationIds.dedupKey("esc-7", 1, "bob", NotificationChannel.WEBHOOK);
        String id = NotificationIds.newNotificationId();
        ledger.apply(of("t-1", id, key, T0, new dev.afterhours.contracts.NotificationAttempted("bob", NotificationChannel.WEBHOOK,
                "https://hook", 1, EscalationReason.EMERGENCY, "down", null)));
        ledger.apply(of("f-1", id, key, T0, new NotificationFailed("bob", NotificationChannel.WEBHOOK, "https://hook", "HTTP 500", false)));
        assertThat(ledger.attempt(key).orElseThrow().state()).isEqualTo(NotificationLedger.State.FAILED);
        ledger.apply(of("t-2", id, key, T0, new dev.afterhours.contracts.NotificationAttempted("bob", NotificationChannel.WEBHOOK,
                "https://hook", 1, EscalationReason.EMERGENCY, "down", null)));
        assertThat(ledger.attempt(key).orElseThrow().state()).isEqualTo(NotificationLedger.State.OPEN);
        ledger.apply(of("d-1", id, key, T0, new NotificationDelivered("bob", NotificationChannel.WEBHOOK, "https://hook", 1,
                EscalationReason.EMERGENCY, "down")));
        ledger.apply(of("f-2", id, key, T0, new NotificationFailed("bob", NotificationChannel.WEBHOOK, "https://hook", "late", true)));
        assertThat(ledger.isDelivered(key)).isTrue();
    }

    @Test
    void notificationIdsAreRandomNotDerivable() {
        String a = NotificationIds.newNotificationId();
        assertThat(a).isNotEqualTo(NotificationIds.newNotificationId())
                .isNotEqualTo(NotificationIds.dedupKey("esc-1", 1, "alice", NotificationChannel.WEBHOOK));
        assertThat(java.util.UUID.fromString(a).version()).isEqualTo(4);
    }

    @Test
    void aFailureAloneStartsTheLevelClock() {
        ledger.apply(new NotificationEvent("f-1", "n-9", "esc-9", "acme-shop", T0,
                new NotificationFailed("alice", NotificationChannel.WEBHOOK, "http://hook", "HTTP 500", false), null));
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

    @Test
    void anSmsReplyTakesThePersonsLatestPageThatIsStillOpen() {
        NotificationEvent older = delivered("esc-1", 1, "alice", T0);
        NotificationEvent newer = delivered("esc-2", 1, "alice", T0.plusSeconds(60));
        NotificationEvent someoneElses = delivered("esc-3", 1, "bob", T0.plusSeconds(120));
        ledger.apply(older);
        ledger.apply(newer);
        ledger.apply(someoneElses);
        assertThat(ledger.latestOpenFor("alice", T0)).map(NotificationLedger.Delivery::notificationId)
                .contains(newer.getNotificationId());
        assertThat(ledger.latestOpenFor("alice", T0.plusSeconds(61))).as("nothing recent enough").isEmpty();

        // Once bob acknowledges esc-2 (alice was paged for it too), alice's latest open page is esc-1 again.
        ledger.apply(delivered("esc-2", 1, "bob", T0.plusSeconds(60)));
        ledger.apply(new NotificationEvent("ack-2", NotificationIds.dedupKey("esc-2", 1, "bob", NotificationChannel.WEBHOOK),
                "esc-2", "acme-shop", T0.plusSeconds(90), new NotificationAcknowledged("bob", null), null));
        assertThat(ledger.latestOpenFor("alice", T0)).map(NotificationLedger.Delivery::notificationId)
                .contains(older.getNotificationId());
        ledger.apply(new NotificationEvent("ack-1", older.getNotificationId(), "esc-1", "acme-shop", T0.plusSeconds(95),
                new NotificationAcknowledged("alice", null), null));
        assertThat(ledger.latestOpenFor("alice", T0)).isEmpty();
    }
}
