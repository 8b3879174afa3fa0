package dev.afterhours.notifier.delivery;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Runs an attempt up to n times with exponential backoff; a page that fails once is usually worth a second try. */
final class Retrying {

    /** One attempt: null on success, else what went wrong. */
    @FunctionalInterface
    interface Attempt {
        @Nullable String run();
    }

    /** Thrown by an attempt whose failure another attempt cannot cure (a refused address, a redirect). */
    static final class Permanent extends RuntimeException {
        Permanent(String message) {
            super(message, null, false, false);
        }
    }

    private Retrying() {
    }

    static DeliveryResult run(int attempts, Duration backoff, Attempt attempt) {
        String error = "not attempted";
        Duration wait = backoff;
        for (int i = 1; i <= attempts; i++) {
            try {
                error = attempt.run();
            } catch (Permanent permanent) {
                return new DeliveryResult.Failed(permanent.getMessage() + " (attempt " + i + ", not retried)", i);
            }
            if (error == null) {
                return new DeliveryResult.Delivered(i);
            }
            if (i < attempts) {
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new DeliveryResult.Failed(error + " (interrupted after attempt " + i + ")", i);
                }
                wait = wait.multipliedBy(2);
            }
        }
        return new DeliveryResult.Failed(error + " (after " + attempts + " attempts)", attempts);
    }
}
