package dev.afterhours.notifier.paging;

import dev.afterhours.contracts.NotificationChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Two kinds of id for a notification (one escalation, at one level, to one person, on one channel).
 *
 * <ul>
 *   <li>The <b>dedup key</b> is name-based on exactly those four things: the same inputs give the same key in every
 *       instance and after every restart, which is what makes "never page twice" checkable. It stays inside the
 *       notifier (the ledger and the {@code dedupKey} field of notification events).</li>
 *   <li>The <b>notification id</b> is what people and receivers see: the page body, the {@code Idempotency-Key} and
 *       {@code X-Afterhours-Notification-Id} headers and the ack path. It is random (a version 4 UUID, from
 *       {@link java.security.SecureRandom}), so nobody who knows an escalation id and a staff id can compute it
 *       and acknowledge someone else's page. It is recorded with the intent ({@code NotificationAttempted})
 *       before the send, and reused for every later attempt of the same dedup key.</li>
 * </ul>
 */
public final class NotificationIds {

    private NotificationIds() {
    }

    public static String dedupKey(String escalationId, int level, String staffId, NotificationChannel channel) {
        // The formula of the notification ids of earlier versions, so their events still stop a second page.
        return nameBased("notification|" + escalationId + "|" + level + "|" + staffId + "|" + channel.name());
    }

    /** A fresh, unguessable notification id. */
    public static String newNotificationId() {
        return UUID.randomUUID().toString();
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
