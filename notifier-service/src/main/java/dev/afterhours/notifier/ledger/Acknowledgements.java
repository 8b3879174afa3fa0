package dev.afterhours.notifier.ledger;

import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.notifier.paging.NotificationIds;
import java.time.Clock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Records that someone took a page. Only a person paged for the escalation, at any level, or an admin may take it.
 * The first acknowledgement of a notification is published as
 * NotificationAcknowledged; a repeat returns the first one and publishes nothing. The event id is derived from the
 * notification id, so even two instances racing on the same acknowledgement write events a consumer can merge.
 */
public final class Acknowledgements {

    public sealed interface Result {
    }

    public record Recorded(NotificationLedger.Ack ack) implements Result {
    }

    public record AlreadyAcknowledged(NotificationLedger.Ack ack) implements Result {
    }

    public record UnknownNotification(String notificationId) implements Result {
    }

    /** The caller was not paged for this escalation and is no admin. */
    public record NotPaged(String notificationId, String staffId) implements Result {
    }

    private final NotificationLedger ledger;
    private final NotificationRecorder recorder;
    private final Clock clock;

    public Acknowledgements(NotificationLedger ledger, NotificationRecorder recorder, Clock clock) {
        this.ledger = ledger;
        this.recorder = recorder;
        this.clock = clock;
    }

    /**
     * @param staffId who acknowledges, from their sign-in
     * @param admin   whether they may take any page, paged or not
     */
    public synchronized Result acknowledge(String notificationId, String staffId, boolean admin, @Nullable String note) {
        Optional<NotificationLedger.Delivery> delivery = ledger.delivery(notificationId);
        if (delivery.isEmpty()) {
            return new UnknownNotification(notificationId);
        }
        if (!admin && !ledger.wasPaged(delivery.get().escalationId(), staffId)) {
            return new NotPaged(notificationId, staffId);
        }
        Optional<NotificationLedger.Ack> existing = ledger.ack(notificationId);
        if (existing.isPresent()) {
            return new AlreadyAcknowledged(existing.get());
        }
        NotificationLedger.Delivery d = delivery.get();
        recorder.record(new NotificationEvent(NotificationIds.eventId(notificationId, "acknowledged"), notificationId,
                d.escalationId(), d.clientId(), clock.instant(), new NotificationAcknowledged(staffId, note), null));
        return new Recorded(ledger.ack(notificationId).orElseThrow());
    }
}
