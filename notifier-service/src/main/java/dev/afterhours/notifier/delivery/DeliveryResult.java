package dev.afterhours.notifier.delivery;

/** What one delivery attempt sequence came to. */
public sealed interface DeliveryResult {

    /** @param attempts how many attempts it took */
    record Delivered(int attempts) implements DeliveryResult {
    }

    /** @param error what went wrong on the last attempt, for the NotificationFailed event */
    record Failed(String error, int attempts) implements DeliveryResult {
    }
}
