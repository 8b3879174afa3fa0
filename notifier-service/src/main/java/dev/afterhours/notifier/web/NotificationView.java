package dev.afterhours.notifier.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.afterhours.contracts.NotificationAcknowledged;
import dev.afterhours.contracts.NotificationAttempted;
import dev.afterhours.contracts.NotificationDelivered;
import dev.afterhours.contracts.NotificationEscalated;
import dev.afterhours.contracts.NotificationEvent;
import dev.afterhours.contracts.NotificationFailed;
import dev.afterhours.contracts.NotificationResolved;
import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

/** One notification event as the history endpoint shows it; {@code type} says which payload, absent fields are omitted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NotificationView(String eventId, String notificationId, String escalationId, String clientId,
                               String occurredAt, String type, @Nullable String staffId, @Nullable String channel,
                               @Nullable String destination, @Nullable Integer level, @Nullable String reason,
                               @Nullable String summary, @Nullable String error, @Nullable String note,
                               @Nullable Integer fromLevel, @Nullable Integer toLevel, @Nullable String why,
                               @Nullable Boolean outcomeUnknown) {

    /**
     * A webhook URL without what may be a credential (user info, query, fragment: providers put tokens there),
     * since viewers read this history; an email address as it is.
     */
    static @Nullable String shown(@Nullable String destination) {
        if (destination == null || !destination.contains("://")) {
            return destination;
        }
        try {
            URI uri = new URI(destination);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(unparseable URL)";
        }
    }

    static NotificationView of(NotificationEvent e) {
        String at = e.getOccurredAt().toString();
        return switch (e.getPayload()) {
            case NotificationAttempted t -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(),
                    e.getClientId(), at, "ATTEMPTED", t.getStaffId(), t.getChannel().name(), shown(t.getDestination()), t.getLevel(),
                    t.getReason().name(), t.getSummary(), null, null, null, null, null, null);
            case NotificationDelivered d -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(),
                    e.getClientId(), at, "DELIVERED", d.getStaffId(), d.getChannel().name(), shown(d.getDestination()), d.getLevel(),
                    d.getReason().name(), d.getSummary(), null, null, null, null, null, null);
            case NotificationFailed f -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(),
                    e.getClientId(), at, "FAILED", f.getStaffId(), f.getChannel().name(), shown(f.getDestination()), null, null,
                    null, f.getError(), null, null, null, null, f.getOutcomeUnknown() ? Boolean.TRUE : null);
            case NotificationAcknowledged a -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(),
                    e.getClientId(), at, "ACKNOWLEDGED", a.getStaffId(), null, null, null, null, null, null, a.getNote(),
                    null, null, null, null);
            case NotificationEscalated x -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(),
                    e.getClientId(), at, "ESCALATED", null, null, null, null, null, null, null, null, x.getFromLevel(),
                    x.getToLevel(), x.getWhy(), null);
            case NotificationResolved r -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(),
                    e.getClientId(), at, "RESOLVED", r.getStaffId(), null, null, null, null, null, null, r.getNote(),
                    null, null, null, null);
            default -> new NotificationView(e.getEventId(), e.getNotificationId(), e.getEscalationId(), e.getClientId(), at,
                    "UNKNOWN", null, null, null, null, null, null, null, null, null, null, null, null);
        };
    }
}
