package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.NotificationChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids. A notification is one escalation, at one level, to one person, on one channel: the same inputs
 * give the same id in every instance and after every restart, which is what makes "never page twice" checkable and
 * what receivers see as {@code Idempotency-Key}.
 */
public final class NotificationIds {

    private NotificationIds() {
    }

    public static String notificationId(String escalationId, int level, String staffId, NotificationChannel channel) {
        return nameBased("notification|" + escalationId + "|" + level + "|" + staffId + "|" + channel.name());
    }

    /** The event id of a step that happens at most once per notification (delivered, acknowledged). */
    public static String eventId(String notificationId, String step) {
        return nameBased("event|" + notificationId + "|" + step);
    }

    /** The id under which the move of an escalation from one level to the next is recorded. */
    public static String escalationStepId(String escalationId, int fromLevel, int toLevel) {
        return nameBased("escalated|" + escalationId + "|" + fromLevel + "|" + toLevel);
    }

    private static String nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
