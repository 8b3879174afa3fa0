package dev.afterhours.notifier.incident;

import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationResolved;
import dev.afterhours.notifier.crm.CrmNoteWriter;
import dev.afterhours.notifier.ledger.Acknowledgements;
import dev.afterhours.notifier.ledger.NotificationLedger;
import dev.afterhours.notifier.ledger.NotificationRecorder;
import dev.afterhours.notifier.paging.NotificationIds;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Resolves an incident (an escalation) with a handover note. Only a person paged for the escalation, at any level,
 * or an admin may, as for acknowledging. The note is written first, as a CRM note of the client tied to the
 * escalation ({@code conversationId}), so whoever is on call next finds it with the client's other notes and on
 * their pages; then {@code NotificationResolved} goes on the notifications topic, which stops any further
 * escalation like an acknowledgement (and is the acknowledgement if nobody had acknowledged). A restarted instance
 * reads it back, so a second resolve is refused there too.
 *
 * <p>The note's id is derived from the escalation id: if the resolution cannot be recorded after the note was
 * written, a retry writes the same note again (the same version, which replaces itself) rather than a second one.
 * Checks and writes run under the lock of {@link Acknowledgements}, so an acknowledgement and a resolution of one
 * incident in this instance never interleave.
 */
public final class Resolutions {

    public sealed interface Result {
    }

    public record Resolved(Incident incident) implements Result {
    }

    public record AlreadyResolved(NotificationLedger.Resolution resolution) implements Result {
    }

    public record UnknownEscalation(String escalationId) implements Result {
    }

    /** The caller was not paged for this escalation and is no admin. */
    public record NotPaged(String escalationId, String staffId) implements Result {
    }

    private final NotificationLedger ledger;
    private final NotificationRecorder recorder;
    private final CrmNoteWriter notes;
    private final Acknowledgements lock;
    private final IncidentMetrics metrics;
    private final Clock clock;

    public Resolutions(NotificationLedger ledger, NotificationRecorder recorder, CrmNoteWriter notes,
            Acknowledgements acknowledgements, IncidentMetrics metrics, Clock clock) {
        this.ledger = ledger;
        this.recorder = recorder;
        this.notes = notes;
        this.lock = acknowledgements;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The id of the handover note of an escalation. */
    public static String handoverNoteId(String escalationId) {
        return UUID.nameUUIDFromBytes(("handover|" + escalationId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * @param staffId who resolves, from their sign-in
     * @param admin   whether they may resolve any incident, paged or not
     * @param note    the handover note, not blank
     * @throws CrmNoteWriter.NotWrittenException if Kafka did not take the note: nothing changed
     * @throws dev.afterhours.notifier.ledger.RecordingFailedException if Kafka did not take the resolution: the note
     *         is written, the incident is not resolved; a retry may resolve it
     */
    public Result resolve(String escalationId, String staffId, boolean admin, String note) throws InterruptedException {
        synchronized (lock) {
            List<NotificationEvent> events = ledger.escalationEvents(escalationId);
            Optional<NotificationLedger.Track> track = ledger.track(escalationId);
            if (events.isEmpty() || track.isEmpty()) {
                return new UnknownEscalation(escalationId);
            }
            if (!admin && !ledger.wasPaged(escalationId, staffId)) {
                return new NotPaged(escalationId, staffId);
            }
            Optional<NotificationLedger.Resolution> existing = ledger.resolution(escalationId);
            if (existing.isPresent()) {
                return new AlreadyResolved(existing.get());
            }
            String clientId = track.get().clientId();
            boolean implicitAck = !ledger.anyAcknowledged(escalationId);
            String noteId = notes.create(handoverNoteId(escalationId), clientId, staffId, note, false, escalationId)
                    .getNoteId();
            recorder.record(NotificationEvent.newBuilder()
                    .setEventId(NotificationIds.eventId(escalationId, "resolved"))
                    .setNotificationId(escalationId)
                    .setEscalationId(escalationId)
                    .setClientId(clientId)
                    .setOccurredAt(clock.instant())
                    .setPayload(NotificationResolved.newBuilder().setStaffId(staffId).setNote(note).setNoteId(noteId)
                            .setAcknowledgedImplicitly(implicitAck).build())
                    .build());
            Incident incident = Incident.of(ledger.escalationEvents(escalationId)).orElseThrow();
            metrics.resolved(incident);
            return new Resolved(incident);
        }
    }
}
