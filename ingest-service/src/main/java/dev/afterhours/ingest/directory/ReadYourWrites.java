package dev.afterhours.ingest.directory;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Read-your-writes for the admin APIs: a change written to a directory topic is answered once this instance's
 * view holds it, so the caller's next request (post a message for the new client, call with the new key) sees it.
 * Waits at most {@code afterhours.ingest.directory-sync-timeout}; the change is written either way.
 */
public final class ReadYourWrites {

    private ReadYourWrites() {
    }

    /** Polls {@code visible} every 20 ms; false if it did not hold within {@code timeout}. */
    public static boolean await(BooleanSupplier visible, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!visible.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
