package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.EscalationReason;
import dev.afterhours.contracts.EscalationRequested;
import dev.afterhours.contracts.MessageReceived;
import dev.afterhours.contracts.SlaBreached;
import dev.afterhours.contracts.SlaEvent;
import dev.afterhours.contracts.Urgency;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Something someone must be told about: an escalation, or an SLA breach.
 *
 * @param escalationId the escalation's id; for a breach {@code sla-breach:<SlaEvent.eventId>}. Part of every
 *                     notification id, so a redelivered event maps onto the same notifications.
 * @param breach       true for an SLA breach: it goes to the account manager and does not walk the policy levels
 */
public record Page(String escalationId, String clientId, EscalationReason reason, Urgency urgency, String summary,
                   List<String> reasons, @Nullable MessageReceived message, Instant requestedAt, @Nullable Instant dueAt,
                   boolean breach) {

    public static final String BREACH_PREFIX = "sla-breach:";
    /** The escalation id of an SLA warning is {@code sla-warning:<SlaEvent.eventId>}: one per SLA and threshold. */
    public static final String WARNING_PREFIX = "sla-warning:";

    private static final DateTimeFormatter DUE = DateTimeFormatter.ofPattern("EEE d MMM HH:mm z", Locale.ENGLISH);

    public Page {
        reasons = List.copyOf(reasons);
    }

    public static Page of(EscalationRequested escalation) {
        return new Page(escalation.getEscalationId(), escalation.getClientId(), escalation.getReason(),
                escalation.getUrgency(), escalation.getSummary(), escalation.getReasons(), escalation.getMessage(),
                escalation.getRequestedAt(), escalation.getDueAt(), false);
    }

    /** @param clientZone the client's zone, to state the due time on the client's clock; null if unknown */
    public static Page of(SlaEvent event, SlaBreached breached, @Nullable ZoneId clientZone) {
        ZoneId zone = clientZone == null ? ZoneId.of("UTC") : clientZone;
        String summary = event.getUrgency() + " message not answered in time: due " + DUE.format(breached.getDueAt().atZone(zone))
                + " (conversation " + event.getConversationId() + ")";
        return new Page(BREACH_PREFIX + event.getEventId(), event.getClientId(), EscalationReason.SLA_BREACH,
                event.getUrgency(), summary, List.of("SLA " + event.getSlaId() + " breached"), null,
                event.getOccurredAt(), breached.getDueAt(), true);
    }

    public static boolean isBreach(String escalationId) {
        return escalationId.startsWith(BREACH_PREFIX);
    }

    /** An SLA warning: it goes to the SLA's owner and, like a breach, does not walk the policy levels. */
    public static boolean isWarning(String escalationId) {
        return escalationId.startsWith(WARNING_PREFIX);
    }
}
