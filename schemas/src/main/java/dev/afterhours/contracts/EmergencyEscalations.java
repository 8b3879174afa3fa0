package dev.afterhours.contracts;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The one way an emergency becomes an {@link EscalationRequested}, shared by the scheduler (which adds the SLA's
 * due time) and the classifier's fast lane (which pages before the scheduler has seen the message). Both derive the
 * same escalation id from the message, so the notifier pages once whichever arrives first.
 */
public final class EmergencyEscalations {

    static final int SUMMARY_BODY_CHARS = 80;

    private EmergencyEscalations() {
    }

    /** {@code <messageId>:emergency}: the idempotency key of the page. */
    public static String escalationId(String messageId) {
        return messageId + ":emergency";
    }

    public static EscalationRequested of(String clientId, String clientName, MessageReceived message,
            List<String> reasons, Instant requestedAt, @Nullable Instant dueAt) {
        return EscalationRequested.newBuilder()
                .setEscalationId(escalationId(message.getMessageId()))
                .setClientId(clientId)
                .setConversationId(message.getConversationId())
                .setMessageId(message.getMessageId())
                .setReason(EscalationReason.EMERGENCY)
                .setUrgency(Urgency.EMERGENCY)
                .setSummary(summary(clientName, message))
                .setReasons(List.copyOf(reasons))
                .setRequestedAt(requestedAt)
                .setDueAt(dueAt)
                .setMessage(message)
                .build();
    }

    /** One line for the pager: "<client name>: <subject, or the first 80 characters of the body>". */
    public static String summary(String clientName, MessageReceived message) {
        String subject = message.getSubject();
        String what = subject != null && !subject.isBlank() ? oneLine(subject) : oneLine(message.getBody());
        if (subject == null || subject.isBlank()) {
            what = what.length() > SUMMARY_BODY_CHARS ? what.substring(0, SUMMARY_BODY_CHARS).stripTrailing() : what;
        }
        return clientName + ": " + what;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
