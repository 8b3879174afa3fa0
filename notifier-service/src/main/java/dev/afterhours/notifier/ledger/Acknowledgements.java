package dev.afterhours.notifier.ledger;

import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.notifier.paging.NotificationIds;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Records that someone took a page. Only a person paged for the escalation, at any level, or an admin may take it.
 * The first acknowledgement of a notification is published as
 * NotificationAcknowledged; a repeat returns the first one and publishes nothing. The event id is derived from the
 * notification id, so even two instances racing on the same acknowledgement write events a consumer can merge.
 * Once the incident is resolved, its pages are closed: acknowledging one is refused ({@link IncidentResolved}).
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

    /** The escalation was resolved: there is nothing left to acknowledge. */
    public record IncidentResolved(NotificationLedger.Resolution resolution) implements Result {
    }

    private final NotificationLedger ledger;
    private final NotificationRecorder recorder;
    private final Clock clock;
    private final Consumer<String> firstAcknowledgement;

    public Acknowledgements(NotificationLedger ledger, NotificationRecorder recorder, Clock clock) {
        this(ledger, recorder, clock, escalationId -> { });
    }

    /**
     * @param firstAcknowledgement told the escalation id when this instance records the first acknowledgement of an
     *                             escalation (the time to acknowledge is then known)
     */
    public Acknowledgements(NotificationLedger ledger, NotificationRecorder recorder, Clock clock,
            Consumer<String> firstAcknowledgement) {
        this.ledger = ledger;
        this.recorder = recorder;
        this.clock = clock;
        this.firstAcknowledgement = firstAcknowledgement;
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
        Optional<NotificationLedger.Resolution> resolved = ledger.resolution(d.escalationId());
        if (resolved.isPresent()) {
            return new IncidentResolved(resolved.get());
        }
        boolean first = !ledger.anyAcknowledged(d.escalationId());
        recorder.record(new NotificationEvent(NotificationIds.eventId(notificationId, "acknowledged"), notificationId,
                d.escalationId(), d.clientId(), clock.instant(), new NotificationAcknowledged(staffId, note), null));
        if (first) {
            firstAcknowledgement.accept(d.escalationId());
        }
        return new Recorded(ledger.ack(notificationId).orElseThrow());
    }
}
